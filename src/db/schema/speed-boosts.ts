import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  foreignKey,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { id, oneOf, tenantForeignKey, tenantId, timestamps } from "./_columns";
import { customers } from "./customers";
import { payments } from "./payments";
import { servicePlans } from "./service-plans";
import { users } from "./users";

export const SPEED_BOOST_STATUSES = ["pending", "approved", "rejected", "active", "expired", "cancelled"] as const;

/**
 * A temporary upgrade of a customer to a faster plan (spec SpeedBoost). Requested (`pending`),
 * then `rejected` (with `rejection_reason`, Property 36) or `approved`/`active` with `start_date` and
 * `end_date = start_date + duration_days` (Property 34). The expiry cron finds `active` rows past
 * `end_date` via (tenant_id, status, end_date) and reverts the customer (Property 35), even if the
 * router was offline at that moment. `price` is integer rupiah computed at request time
 * (Property 33) and kept, so later plan price changes do not rewrite history.
 * At most one `active` boost per customer: `customers.effective_plan_id` has room for one.
 */
export const speedBoosts = pgTable(
  "speed_boosts",
  {
    id: id(),
    tenantId: tenantId(),
    customerId: uuid("customer_id").notNull(),
    currentPlanId: uuid("current_plan_id").notNull(),
    boostPlanId: uuid("boost_plan_id").notNull(),
    durationDays: integer("duration_days").notNull(),
    price: bigint("price", { mode: "number" }).notNull(),
    status: text("status", { enum: SPEED_BOOST_STATUSES }).notNull().default("pending"),
    requestDate: timestamp("request_date", { withTimezone: true }).notNull().defaultNow(),
    startDate: timestamp("start_date", { withTimezone: true }),
    endDate: timestamp("end_date", { withTimezone: true }),
    notes: text("notes"),
    rejectionReason: text("rejection_reason"),
    approvedBy: uuid("approved_by"),
    /**
     * The period payment that charges this boost: the billing run of the month after the boost
     * started sets it (services/billing/monthly-billing.ts), and the invoice lists the boosts
     * linked to its payment. Null: not charged yet. A deleted or cancelled payment unlinks its
     * boosts (cancelling: services/payments/update-status.ts), so the next run charges them again.
     */
    billedPaymentId: uuid("billed_payment_id"),
    ...timestamps(),
  },
  (t) => [
    tenantForeignKey("speed_boosts_tenant_current_plan_fk", t, t.currentPlanId, servicePlans).onDelete("restrict"),
    tenantForeignKey("speed_boosts_tenant_boost_plan_fk", t, t.boostPlanId, servicePlans).onDelete("restrict"),
    tenantForeignKey("speed_boosts_tenant_billed_payment_fk", t, t.billedPaymentId, payments).onDelete("set null"),
    tenantForeignKey("speed_boosts_tenant_approved_by_fk", t, t.approvedBy, users).onDelete("set null"),
    /** Composite with the tenant: both rows share one, and the (tenant_id, …) index serves the FK checks of a tenant purge. */
    foreignKey({
      name: "speed_boosts_tenant_customer_fk",
      columns: [t.tenantId, t.customerId],
      foreignColumns: [customers.tenantId, customers.id],
    }).onDelete("restrict"),
    index("speed_boosts_tenant_status_end_date_idx").on(t.tenantId, t.status, t.endDate),
    index("speed_boosts_tenant_customer_idx").on(t.tenantId, t.customerId),
    index("speed_boosts_billed_payment_idx").on(t.billedPaymentId).where(sql`${t.billedPaymentId} is not null`),
    uniqueIndex("speed_boosts_one_active_per_customer").on(t.customerId).where(sql`${t.status} = 'active'`),
    check("speed_boosts_status_check", oneOf(t.status, SPEED_BOOST_STATUSES)),
    check("speed_boosts_duration_days_positive", sql`${t.durationDays} > 0`),
    check("speed_boosts_price_non_negative", sql`${t.price} >= 0`),
    check("speed_boosts_distinct_plans", sql`${t.boostPlanId} <> ${t.currentPlanId}`),
    check(
      "speed_boosts_end_after_start",
      sql`${t.startDate} is null or ${t.endDate} is null or ${t.endDate} > ${t.startDate}`,
    ),
  ],
);

export type SpeedBoost = typeof speedBoosts.$inferSelect;
export type NewSpeedBoost = typeof speedBoosts.$inferInsert;
