import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { deletedAt, id, oneOf, tenantForeignKey, tenantId, timestamps } from "./_columns";
import { mikrotikRouters } from "./mikrotik-routers";
import { servicePlans } from "./service-plans";

export const CUSTOMER_STATUSES = ["active", "suspended", "terminated"] as const;
export const PROVISIONING_STATES = ["pending", "applied", "failed"] as const;
/** Why a customer is suspended: by staff, or by the overdue job for an unpaid invoice (isolir). */
export const SUSPENSION_CAUSES = ["manual", "nonpayment"] as const;

/**
 * A subscriber household (spec Customer). Soft-deleted (spec Property 14).
 *
 * - `service_plan_id` is the plan the customer subscribes to; `effective_plan_id` is the plan the
 *   router should enforce right now (the boost plan while a speed boost is active, else null = the
 *   subscribed plan). Boost expiry only clears it, so the original plan is never lost (Property 35).
 * - Both plan references and `router_id` are RESTRICT: a plan or router in use cannot be deleted.
 * - `billing_day` is the spec's `DueDate` (day of month). Capped at 28 so every month has it.
 * - `monthly_fee` is integer rupiah, copied from the plan at sign-up and then the customer's own.
 * - `provisioning_state` tracks whether the router reflects the row (PPPoE secret/profile), with the
 *   last error; the reconcile job retries `pending`/`failed`.
 * - `customer_code` is allocated from `customer_code_counters`, never by `max()+1`.
 * - `suspension_cause` is set while suspended: `nonpayment` (the overdue job, services/billing/
 *   isolir.ts) is lifted automatically when the debt is settled; `manual` (or none) only by staff.
 */
export const customers = pgTable(
  "customers",
  {
    id: id(),
    tenantId: tenantId(),
    customerCode: text("customer_code").notNull(),
    name: text("name").notNull(),
    email: text("email"),
    phone: text("phone").notNull(),
    address: text("address").notNull(),
    latitude: doublePrecision("latitude"),
    longitude: doublePrecision("longitude"),
    servicePlanId: uuid("service_plan_id").notNull(),
    effectivePlanId: uuid("effective_plan_id"),
    routerId: uuid("router_id"),
    status: text("status", { enum: CUSTOMER_STATUSES }).notNull().default("active"),
    installationDate: date("installation_date"),
    billingDay: smallint("billing_day").notNull().default(15),
    monthlyFee: bigint("monthly_fee", { mode: "number" }).notNull(),
    notes: text("notes"),
    pppoeUsername: text("pppoe_username"),
    pppoePasswordEnc: text("pppoe_password_enc"),
    provisioningState: text("provisioning_state", { enum: PROVISIONING_STATES }).notNull().default("pending"),
    provisioningError: text("provisioning_error"),
    ...timestamps(),
    deletedAt: deletedAt(),
    /** Added by migration 0008; declared last, where ALTER TABLE put it (exports follow the column order). */
    suspensionCause: text("suspension_cause", { enum: SUSPENSION_CAUSES }),
    /**
     * Added by migration 0011: when the customer's last isolir (suspension for nonpayment) began and
     * ended (null: still isolated). Kept after it ends: the billing run reads it (monthly-billing.ts).
     */
    isolatedAt: timestamp("isolated_at", { withTimezone: true }),
    isolationEndedAt: timestamp("isolation_ended_at", { withTimezone: true }),
  },
  (t) => [
    tenantForeignKey("customers_tenant_service_plan_fk", t, t.servicePlanId, servicePlans).onDelete("restrict"),
    tenantForeignKey("customers_tenant_router_fk", t, t.routerId, mikrotikRouters).onDelete("restrict"),
    tenantForeignKey("customers_tenant_effective_plan_fk", t, t.effectivePlanId, servicePlans).onDelete("restrict"),
    uniqueIndex("customers_tenant_code_key").on(t.tenantId, t.customerCode),
    /** The target of the (tenant, customer) foreign keys of payments, tickets, boosts and monitoring. */
    unique("customers_tenant_id_key").on(t.tenantId, t.id),
    /**
     * A PPPoE username names a secret on the router: two live customers sharing one would overwrite
     * each other's secret. Freed again when a customer is soft-deleted.
     */
    uniqueIndex("customers_tenant_pppoe_username_key")
      .on(t.tenantId, t.pppoeUsername)
      .where(sql`${t.pppoeUsername} is not null and ${t.deletedAt} is null`),
    index("customers_tenant_status_idx").on(t.tenantId, t.status),
    index("customers_tenant_service_plan_idx").on(t.tenantId, t.servicePlanId),
    index("customers_tenant_created_at_idx").on(t.tenantId, t.createdAt),
    index("customers_router_idx").on(t.routerId),
    check("customers_status_check", oneOf(t.status, CUSTOMER_STATUSES)),
    /** A cause only while suspended; a suspended row without one (older data, a restore) counts as manual. */
    check(
      "customers_suspension_cause_check",
      sql`${t.suspensionCause} is null or (${t.status} = 'suspended' and ${oneOf(t.suspensionCause, SUSPENSION_CAUSES)})`,
    ),
    check(
      "customers_isolation_order_check",
      sql`${t.isolationEndedAt} is null or (${t.isolatedAt} is not null and ${t.isolationEndedAt} >= ${t.isolatedAt})`,
    ),
    check("customers_provisioning_state_check", oneOf(t.provisioningState, PROVISIONING_STATES)),
    check("customers_billing_day_range", sql`${t.billingDay} between 1 and 28`),
    check("customers_monthly_fee_non_negative", sql`${t.monthlyFee} >= 0`),
    check("customers_latitude_range", sql`${t.latitude} is null or ${t.latitude} between -90 and 90`),
    check("customers_longitude_range", sql`${t.longitude} is null or ${t.longitude} between -180 and 180`),
  ],
);

/**
 * One row per tenant; `next_value` is the number the next customer gets. Allocate with one upsert:
 * `insert into customer_code_counters (tenant_id, next_value) values ($1, 2) on conflict (tenant_id)
 * do update set next_value = customer_code_counters.next_value + 1 returning next_value - 1`.
 * The row lock serialises concurrent creations, so codes are unique (Property 8) without retry
 * loops, and a rolled-back creation rolls its number back too.
 */
export const customerCodeCounters = pgTable(
  "customer_code_counters",
  {
    tenantId: tenantId().primaryKey(),
    nextValue: integer("next_value").notNull().default(1),
  },
  (t) => [check("customer_code_counters_next_value_positive", sql`${t.nextValue} > 0`)],
);

export type Customer = typeof customers.$inferSelect;
export type NewCustomer = typeof customers.$inferInsert;
export type CustomerCodeCounter = typeof customerCodeCounters.$inferSelect;
export type NewCustomerCodeCounter = typeof customerCodeCounters.$inferInsert;
