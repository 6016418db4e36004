import { sql } from "drizzle-orm";
import { check, index, pgTable, text, timestamp, unique, uniqueIndex } from "drizzle-orm/pg-core";
import { id, oneOf, tenantId, timestamps } from "./_columns";

export const CONNECTOR_STATUSES = ["pending", "online", "offline"] as const;

/**
 * The on-premises agent an ISP runs inside its network; it dials out to us over WSS and talks
 * RouterOS API to the tenant's routers. Created `pending` with a one-time enrollment token; on
 * enrollment a long-lived secret is issued, and the token is cleared once the connector has shown it
 * holds the secret (its first hello or credential connect). Only hashes of either are stored.
 * `revoked_at` disables a connector without losing its history. Enrollment arrives before any
 * tenant is known, so the token hash is globally unique (the lookup key).
 */
export const connectors = pgTable(
  "connectors",
  {
    id: id(),
    tenantId: tenantId(),
    name: text("name").notNull(),
    status: text("status", { enum: CONNECTOR_STATUSES }).notNull().default("pending"),
    secretHash: text("secret_hash"),
    enrollmentTokenHash: text("enrollment_token_hash"),
    enrollmentExpiresAt: timestamp("enrollment_expires_at", { withTimezone: true }),
    /** Connector software version it last reported. */
    version: text("version"),
    lastSeen: timestamp("last_seen", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    ...timestamps(),
  },
  (t) => [
    /** The target of the (tenant, connectors) foreign keys (migration 0010). */
    unique("connectors_tenant_id_key").on(t.tenantId, t.id),
    index("connectors_tenant_status_idx").on(t.tenantId, t.status),
    uniqueIndex("connectors_enrollment_token_hash_key")
      .on(t.enrollmentTokenHash)
      .where(sql`${t.enrollmentTokenHash} is not null`),
    check("connectors_status_check", oneOf(t.status, CONNECTOR_STATUSES)),
  ],
);

export type Connector = typeof connectors.$inferSelect;
export type NewConnector = typeof connectors.$inferInsert;
