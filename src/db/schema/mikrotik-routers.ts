import { sql } from "drizzle-orm";
import { boolean, check, integer, pgTable, text, timestamp, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { id, oneOf, tenantForeignKey, tenantId, timestamps } from "./_columns";
import { connectors } from "./connectors";

export const ROUTER_STATUSES = ["online", "offline", "unknown"] as const;

/**
 * A MikroTik router that terminates the tenant's PPPoE sessions (spec MikroTikRouter). We never
 * connect to it from the cloud: commands go through the tenant's `connector_id`, which is set null
 * (not cascaded) when a connector is deleted so the router and its customers survive a re-enrollment.
 * `password_enc` is AES-256-GCM ciphertext and never leaves the API (spec Property 23).
 */
export const mikrotikRouters = pgTable(
  "mikrotik_routers",
  {
    id: id(),
    tenantId: tenantId(),
    name: text("name").notNull(),
    host: text("host").notNull(),
    apiPort: integer("api_port").notNull().default(8728),
    username: text("username").notNull(),
    passwordEnc: text("password_enc").notNull(),
    location: text("location"),
    isActive: boolean("is_active").notNull().default(true),
    connectorId: uuid("connector_id"),
    status: text("status", { enum: ROUTER_STATUSES }).notNull().default("unknown"),
    lastSeen: timestamp("last_seen", { withTimezone: true }),
    routerosVersion: text("routeros_version"),
    ...timestamps(),
    /**
     * The API is reached over TLS (RouterOS `api-ssl`). Stored since migration 0009, which set it for
     * the routers on port 8729; declared last, where ALTER TABLE put it.
     */
    apiTls: boolean("api_tls").notNull().default(false),
  },
  (t) => [
    /** The target of the (tenant, mikrotik_routers) foreign keys (migration 0010). */
    unique("mikrotik_routers_tenant_id_key").on(t.tenantId, t.id),
    tenantForeignKey("mikrotik_routers_tenant_connector_fk", t, t.connectorId, connectors).onDelete("set null"),
    uniqueIndex("mikrotik_routers_tenant_name_key").on(t.tenantId, t.name),
    check("mikrotik_routers_status_check", oneOf(t.status, ROUTER_STATUSES)),
    check("mikrotik_routers_api_port_range", sql`${t.apiPort} between 1 and 65535`),
  ],
);

export type MikrotikRouter = typeof mikrotikRouters.$inferSelect;
export type NewMikrotikRouter = typeof mikrotikRouters.$inferInsert;
