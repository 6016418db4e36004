import { sql } from "drizzle-orm";
import { check, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { id, oneOf, tenantForeignKey, tenantId } from "./_columns";
import { users } from "./users";

export const ALERT_TYPES = [
  "low_stock",
  "bandwidth_threshold",
  "device_offline",
  "router_offline",
  "connector_offline",
  "reconcile_drift",
  "backup_failed",
] as const;
export const ALERT_SEVERITIES = ["info", "warning", "critical"] as const;
export const ALERT_STATUSES = ["open", "acknowledged", "resolved"] as const;

/**
 * Operational alerts raised by jobs (Properties 39, 40, 49, 55): open → acknowledged → resolved.
 * The partial unique index allows one unresolved (open or acknowledged) alert per (tenant, type,
 * entity): detectors run every few minutes and insert with `on conflict do nothing`, so a device that
 * stays offline raises one alert, not one per run, and acknowledging it does not make the next run
 * raise a fresh one. Alerts about the tenant as a whole (e.g. `backup_failed`) use `entity_type`
 * 'tenant' and the tenant id as `entity_id`, because a null would never conflict.
 */
export const alerts = pgTable(
  "alerts",
  {
    id: id(),
    tenantId: tenantId(),
    type: text("type", { enum: ALERT_TYPES }).notNull(),
    severity: text("severity", { enum: ALERT_SEVERITIES }).notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id").notNull(),
    message: text("message").notNull(),
    data: jsonb("data"),
    status: text("status", { enum: ALERT_STATUSES }).notNull().default("open"),
    acknowledgedBy: uuid("acknowledged_by"),
    acknowledgedAt: timestamp("acknowledged_at", { withTimezone: true }),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    tenantForeignKey("alerts_tenant_acknowledged_by_fk", t, t.acknowledgedBy, users).onDelete("set null"),
    uniqueIndex("alerts_one_unresolved_per_entity")
      .on(t.tenantId, t.type, t.entityId)
      .where(sql`${t.status} <> 'resolved'`),
    index("alerts_tenant_status_created_at_idx").on(t.tenantId, t.status, t.createdAt),
    check("alerts_type_check", oneOf(t.type, ALERT_TYPES)),
    check("alerts_severity_check", oneOf(t.severity, ALERT_SEVERITIES)),
    check("alerts_status_check", oneOf(t.status, ALERT_STATUSES)),
  ],
);

export type Alert = typeof alerts.$inferSelect;
export type NewAlert = typeof alerts.$inferInsert;
