import { sql } from "drizzle-orm";
import { bigint, boolean, check, integer, jsonb, pgTable, text, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { id, tenantForeignKey, tenantId, timestamps } from "./_columns";

/**
 * An internet package a tenant sells (spec ServicePlan). Price is integer rupiah in a `bigint`
 * (`mode: "number"`: any realistic rupiah amount is far below 2^53). Plans are hard-deleted, but the
 * RESTRICT foreign keys from customers and speed boosts block deleting one that is in use (spec
 * Property 17), so there is no `deleted_at`; retire a plan with `is_active = false`.
 */
export const servicePlans = pgTable(
  "service_plans",
  {
    id: id(),
    tenantId: tenantId(),
    name: text("name").notNull(),
    description: text("description"),
    speedDownloadMbps: integer("speed_download_mbps").notNull(),
    speedUploadMbps: integer("speed_upload_mbps").notNull(),
    price: bigint("price", { mode: "number" }).notNull(),
    isActive: boolean("is_active").notNull().default(true),
    /** Marketing bullet points, a JSON array of strings. */
    features: jsonb("features").$type<string[]>().notNull().default([]),
    ...timestamps(),
  },
  (t) => [
    /** The target of the (tenant, service_plans) foreign keys (migration 0010). */
    unique("service_plans_tenant_id_key").on(t.tenantId, t.id),
    uniqueIndex("service_plans_tenant_name_key").on(t.tenantId, t.name),
    check("service_plans_speed_download_positive", sql`${t.speedDownloadMbps} > 0`),
    check("service_plans_speed_upload_positive", sql`${t.speedUploadMbps} > 0`),
    check("service_plans_price_positive", sql`${t.price} > 0`),
  ],
);

/**
 * MikroTik queue/PPP profile tuning for a plan, 1:1 with `service_plans` and deleted with it. Kept in
 * its own table because most plans never get one and the fields are RouterOS vocabulary
 * (burst-limit/threshold/time, queue priority 1 = highest … 8 = lowest, pcq, parent queue).
 */
export const servicePlanAdvancedSettings = pgTable(
  "service_plan_advanced_settings",
  {
    id: id(),
    tenantId: tenantId(),
    servicePlanId: uuid("service_plan_id").notNull(),
    burstEnabled: boolean("burst_enabled").notNull().default(false),
    burstLimitMbps: integer("burst_limit_mbps"),
    burstThresholdMbps: integer("burst_threshold_mbps"),
    burstTimeSeconds: integer("burst_time_seconds"),
    priority: integer("priority").notNull().default(8),
    maxConnections: integer("max_connections"),
    addressPool: text("address_pool"),
    /** DNS server addresses handed to PPPoE clients, a JSON array of strings. */
    dnsServers: jsonb("dns_servers").$type<string[]>().notNull().default([]),
    transparentProxy: boolean("transparent_proxy").notNull().default(false),
    queueType: text("queue_type").notNull().default("pcq"),
    parentQueue: text("parent_queue"),
    ...timestamps(),
  },
  (t) => [
    tenantForeignKey(
      "service_plan_advanced_settings_tenant_service_plan_fk",
      t,
      t.servicePlanId,
      servicePlans,
    ).onDelete("cascade"),
    uniqueIndex("service_plan_advanced_settings_service_plan_id_key").on(t.servicePlanId),
    check("service_plan_advanced_settings_priority_range", sql`${t.priority} between 1 and 8`),
    check(
      "service_plan_advanced_settings_burst_positive",
      sql`(${t.burstLimitMbps} is null or ${t.burstLimitMbps} > 0) and (${t.burstThresholdMbps} is null or ${t.burstThresholdMbps} > 0) and (${t.burstTimeSeconds} is null or ${t.burstTimeSeconds} > 0)`,
    ),
    check(
      "service_plan_advanced_settings_max_connections_positive",
      sql`${t.maxConnections} is null or ${t.maxConnections} > 0`,
    ),
  ],
);

export type ServicePlan = typeof servicePlans.$inferSelect;
export type NewServicePlan = typeof servicePlans.$inferInsert;
export type ServicePlanAdvancedSetting = typeof servicePlanAdvancedSettings.$inferSelect;
export type NewServicePlanAdvancedSetting = typeof servicePlanAdvancedSettings.$inferInsert;
