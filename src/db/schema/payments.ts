import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  date,
  foreignKey,
  index,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { id, oneOf, tenantId, timestamps } from "./_columns";
import { customers } from "./customers";

export const PAYMENT_STATUSES = ["pending", "paid", "overdue", "cancelled"] as const;
export const PAYMENT_METHODS = ["transfer", "cash", "e-wallet", "other"] as const;

/**
 * An invoice and its settlement (spec Payment): one row is billed (`pending`), may turn `overdue`
 * after `due_date` (tenant-local date, Property 20), and ends `paid` or `cancelled`.
 *
 * - `amount` is integer rupiah, strictly positive (Property 16).
 * - `period` ('YYYY-MM') is set on invoices of the monthly billing run. The partial unique index on
 *   (tenant, customer, period) makes that run idempotent: it inserts with `on conflict do nothing`,
 *   so a retried or doubled cron never bills a month twice. Ad-hoc payments leave it null. A
 *   cancelled invoice does not count, so the period can be billed again by hand (a corrected
 *   amount); the billing run itself never re-bills a period that has any payment, cancelled or not.
 * - A `paid` row always has a `payment_date` (Properties 18 and 21), enforced by a CHECK.
 * - Customer is RESTRICT: payment history outlives nothing but its tenant (customers are soft-deleted).
 */
export const payments = pgTable(
  "payments",
  {
    id: id(),
    tenantId: tenantId(),
    customerId: uuid("customer_id").notNull(),
    invoiceNumber: text("invoice_number").notNull(),
    period: text("period"),
    amount: bigint("amount", { mode: "number" }).notNull(),
    paymentDate: timestamp("payment_date", { withTimezone: true }),
    dueDate: date("due_date").notNull(),
    status: text("status", { enum: PAYMENT_STATUSES }).notNull().default("pending"),
    paymentMethod: text("payment_method", { enum: PAYMENT_METHODS }),
    notes: text("notes"),
    ...timestamps(),
    /**
     * When this overdue invoice got its customer suspended (isolir, services/billing/isolir.ts), or
     * found them suspended or terminated already. Set once: an invoice suspends at most once, so a
     * customer reinstated by staff on a promise to pay is not suspended again for the same invoice.
     * Declared last, where migration 0008 put it (exports follow the column order).
     */
    suspensionAppliedAt: timestamp("suspension_applied_at", { withTimezone: true }),
  },
  (t) => [
    /** The target of the (tenant, payments) foreign keys (migration 0010). */
    unique("payments_tenant_id_key").on(t.tenantId, t.id),
    /** Composite (tenant, customer): the row and its customer share a tenant, and the (tenant_id, customer_id…) index serves the foreign-key checks of a tenant purge. */
    foreignKey({
      name: "payments_tenant_customer_fk",
      columns: [t.tenantId, t.customerId],
      foreignColumns: [customers.tenantId, customers.id],
    }).onDelete("restrict"),
    uniqueIndex("payments_tenant_customer_period_key")
      .on(t.tenantId, t.customerId, t.period)
      .where(sql`${t.period} is not null and ${t.status} <> 'cancelled'`),
    uniqueIndex("payments_tenant_invoice_number_key").on(t.tenantId, t.invoiceNumber),
    index("payments_tenant_status_due_date_idx").on(t.tenantId, t.status, t.dueDate),
    index("payments_tenant_customer_idx").on(t.tenantId, t.customerId),
    /** Monthly revenue (Property 41) sums paid rows by payment date. */
    index("payments_tenant_payment_date_idx").on(t.tenantId, t.paymentDate),
    check("payments_amount_positive", sql`${t.amount} > 0`),
    check("payments_status_check", oneOf(t.status, PAYMENT_STATUSES)),
    check(
      "payments_payment_method_check",
      sql`${t.paymentMethod} is null or ${oneOf(t.paymentMethod, PAYMENT_METHODS)}`,
    ),
    check("payments_period_format", sql`${t.period} is null or ${t.period} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
    check("payments_paid_has_payment_date", sql`${t.status} <> 'paid' or ${t.paymentDate} is not null`),
  ],
);

export type Payment = typeof payments.$inferSelect;
export type NewPayment = typeof payments.$inferInsert;
