import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { id, oneOf, tenantForeignKey, tenantId, timestamps } from "./_columns";
import { connectors } from "./connectors";

export const DEVICE_TYPES = ["olt", "router", "switch", "ap"] as const;
export const DEVICE_STATUSES = ["online", "offline", "unknown"] as const;

/**
 * Network equipment other than the PPPoE routers (spec Device): OLTs, switches, access points, and
 * routers that are only monitored. `ip_address` is text validated by the API (IPv4 or IPv6, Property
 * 22) rather than `inet`, so it round-trips exactly as entered. `password_enc` is AES-256-GCM
 * ciphertext, never returned (Property 23). `status`/`last_seen` come from probing (Property 24):
 * the connector named by `connector_id` (inside the ISP network; the cloud cannot reach the device)
 * opens a TCP connection to `ip_address`:`port` every poll. A device without a connector, or whose
 * connector is away, is `unknown`. `connector_id` is set null when its connector is deleted, like a
 * router's.
 */
export const devices = pgTable(
  "devices",
  {
    id: id(),
    tenantId: tenantId(),
    name: text("name").notNull(),
    type: text("type", { enum: DEVICE_TYPES }).notNull(),
    ipAddress: text("ip_address").notNull(),
    port: integer("port").notNull().default(8728),
    username: text("username"),
    passwordEnc: text("password_enc"),
    location: text("location"),
    status: text("status", { enum: DEVICE_STATUSES }).notNull().default("unknown"),
    lastSeen: timestamp("last_seen", { withTimezone: true }),
    ...timestamps(),
    /** Added by migration 0007; declared last, where ALTER TABLE put it. */
    connectorId: uuid("connector_id"),
  },
  (t) => [
    tenantForeignKey("devices_tenant_connector_fk", t, t.connectorId, connectors).onDelete("set null"),
    index("devices_tenant_status_idx").on(t.tenantId, t.status),
    index("devices_connector_idx").on(t.connectorId).where(sql`${t.connectorId} is not null`),
    check("devices_type_check", oneOf(t.type, DEVICE_TYPES)),
    check("devices_status_check", oneOf(t.status, DEVICE_STATUSES)),
    check("devices_port_range", sql`${t.port} between 1 and 65535`),
  ],
);

export type Device = typeof devices.$inferSelect;
export type NewDevice = typeof devices.$inferInsert;
