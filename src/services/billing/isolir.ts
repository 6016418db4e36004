import { and, eq, gte, isNotNull, lt, ne, not, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { customers, payments } from "../../db/schema";
import { localDate } from "../../lib/time";
import type { ServiceContext } from "../context";
import { recordChange } from "../events/record";
import { recordSystemChangesSql } from "../events/record-sql";
import { settleIsolatedPeriods } from "./isolated-periods";
import type { BillingRunOptions } from "./monthly-billing";
import { billingSettingSql, overduePassTenantFilter } from "./settings";

/** The tenant's grace days (settings.ts) as SQL over a `tenants` alias `t`: null when isolir is off. */
const graceDays = billingSettingSql("suspendAfterDays");

/**
 * Isolir (the overdue job's second step, cron): an `overdue` invoice still unpaid `suspendAfterDays`
 * after its due date (the tenant's local date) suspends its customer, with cause `nonpayment`, and
 * provisioning follows (the secret is disabled and the session kicked: `pending` now, the sweep or
 * the event applies it), and the isolation's start is kept (`customers.isolated_at`: the billing run
 * does not bill a month whose due date falls inside it). An invoice that was already overdue the
 * day it was issued (due before its creation day in the tenant's zone: a month entered late by
 * hand) never suspends anyone: the customer never had the days to pay it that the grace promises.
 * Each invoice does this once (`payments.suspension_applied_at`), also when
 * its customer was suspended or terminated already, so a customer reinstated by staff on a promise
 * to pay is not cut off again for the same invoice; the next unpaid month will. Set-based, audited
 * and announced like the other crons; a second run finds nothing.
 */
export async function suspendForNonpayment(
  db: Db,
  now: Date,
  opts: BillingRunOptions = {},
): Promise<{ suspended: number; invoices: number }> {
  const runId = `cron:isolir:${crypto.randomUUID()}`;
  const at = now.toISOString();
  const tenantFilter = overduePassTenantFilter(at, opts);
  const result = await db.execute<{ suspended: number; invoices: number }>(sql`
    with due as (
      update payments p set suspension_applied_at = ${at}::timestamptz
      from tenants t
      where t.id = p.tenant_id and t.is_active and p.status = 'overdue' and p.suspension_applied_at is null
        and ${graceDays} is not null
        and p.due_date + ${graceDays} < (${at}::timestamptz at time zone t.timezone)::date
        and p.due_date >= (p.created_at at time zone t.timezone)::date
        ${tenantFilter}
      returning p.tenant_id, p.customer_id, p.invoice_number
    ),
    suspended as (
      update customers c
      set status = 'suspended', suspension_cause = 'nonpayment', provisioning_state = 'pending',
          provisioning_error = null, updated_at = ${at}::timestamptz,
          isolated_at = ${at}::timestamptz, isolation_ended_at = null
      from (select distinct tenant_id, customer_id from due) d
      where c.tenant_id = d.tenant_id and c.id = d.customer_id and c.status = 'active' and c.deleted_at is null
      returning c.id, c.tenant_id
    ),
    entries as (
      select s.tenant_id, 'customer' as entity_type, s.id::text as entity_id, 'status_change' as action,
             jsonb_build_object('status', jsonb_build_object('old', 'active', 'new', 'suspended'),
               'reason', 'nonpayment', 'invoices',
               (select jsonb_agg(d.invoice_number order by d.invoice_number) from due d
                 where d.tenant_id = s.tenant_id and d.customer_id = s.id)) as changes,
             jsonb_build_object('id', s.id, 'status', 'suspended', 'suspensionCause', 'nonpayment') as data
      from suspended s
    ),
    ${recordSystemChangesSql("entries", runId)}
    select (select count(*)::int from suspended) as suspended, (select count(*)::int from due) as invoices
  `);
  const row = result.rows[0];
  return { suspended: Number(row?.suspended ?? 0), invoices: Number(row?.invoices ?? 0) };
}

/**
 * Lifts an isolir when the customer's debt is settled: called, in the payment's transaction, when
 * an overdue invoice is paid or cancelled. The customer becomes `active` again (provisioning
 * follows from the `customer.status_change` event) unless another invoice that suspended them is
 * still overdue — one whose month's due date fell inside the isolation does not count: lifting
 * settles it (isolated-periods.ts: cancelled, or pro rata). A manual suspension is never lifted
 * here. `now` ends the isolation (`isolation_ended_at`).
 */
export async function liftNonpaymentSuspension(
  tx: Tx,
  ctx: ServiceContext,
  customerId: string,
  paymentId: string,
  now: Date,
) {
  const tenantId = ctx.tenant.id;
  const [customer] = await tx
    .select({ isolatedAt: customers.isolatedAt })
    .from(customers)
    .where(
      and(
        eq(customers.tenantId, tenantId),
        eq(customers.id, customerId),
        eq(customers.status, "suspended"),
        eq(customers.suspensionCause, "nonpayment"),
      ),
    )
    .for("update");
  if (!customer) return false;
  // A month invoice due inside the isolation does not keep it: lifting it settles that month.
  const tz = ctx.tenant.timezone;
  const insideIsolation = customer.isolatedAt
    ? and(
        isNotNull(payments.period),
        gte(payments.dueDate, localDate(customer.isolatedAt, tz)),
        lt(payments.dueDate, localDate(now, tz)),
      )
    : undefined;
  const [blocking] = await tx
    .select({ id: payments.id })
    .from(payments)
    .where(
      and(
        eq(payments.tenantId, tenantId),
        eq(payments.customerId, customerId),
        eq(payments.status, "overdue"),
        isNotNull(payments.suspensionAppliedAt),
        ne(payments.id, paymentId),
        insideIsolation && not(insideIsolation),
      ),
    )
    .limit(1);
  if (blocking) return false;
  await settleIsolatedPeriods(tx, ctx, customerId, now);
  const [lifted] = await tx
    .update(customers)
    .set({
      status: "active",
      suspensionCause: null,
      provisioningState: "pending",
      provisioningError: null,
      updatedAt: now,
      isolationEndedAt: now,
    })
    .where(
      and(
        eq(customers.tenantId, tenantId),
        eq(customers.id, customerId),
        eq(customers.status, "suspended"),
        eq(customers.suspensionCause, "nonpayment"),
      ),
    )
    .returning({ id: customers.id });
  if (!lifted) return false;
  await recordChange(tx, ctx, {
    tenantId,
    action: "status_change",
    entityType: "customer",
    entityId: customerId,
    changes: { status: { old: "suspended", new: "active" }, reason: "paid", payment: paymentId },
  });
  return true;
}
