import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { id, oneOf, tenantId, timestamps } from "./_columns";

export const DEVICE_TYPES = ["olt", "router", "switch", "ap"] as const;
export const DEVICE_STATUSES = ["online", "offline", "unknown"] as const;

/**
 * Network equipment other than the PPPoE routers (spec Device): OLTs, switches, access points, and
 * routers that are only monitored. `ip_address` is text validated by the API (IPv4 or IPv6, Property
 * 22) rather than `inet`, so it round-trips exactly as entered. `password_enc` is AES-256-GCM
 * ciphertext, never returned (Property 23). `status`/`last_seen` are reserved for device probing,
 * which does not exist yet: live status (Property 24) is kept for routers and connectors only, so a
 * device stays `unknown`.
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
  },
  (t) => [
    index("devices_tenant_status_idx").on(t.tenantId, t.status),
    check("devices_type_check", oneOf(t.type, DEVICE_TYPES)),
    check("devices_status_check", oneOf(t.status, DEVICE_STATUSES)),
    check("devices_port_range", sql`${t.port} between 1 and 65535`),
  ],
);

export type Device = typeof devices.$inferSelect;
export type NewDevice = typeof devices.$inferInsert;
