import { type SQL, sql } from "drizzle-orm";
import type { Tx } from "../../db/client";
import type { ServiceContext } from "../context";
import { recordChange } from "../events/record";
import { billingSettingSql, isolatedPeriodBillingSql } from "./settings";

/**
 * The days with service of the month `[first, next)` (dates) for a customer isolated from
 * `isolatedOn` until `endedOn` (dates; the restoration day has service): SQL over date expressions.
 * One expression for the billing run (a month not billed yet) and for `settleIsolatedPeriods`.
 */
export function serviceDaysSql(first: SQL, next: SQL, isolatedOn: SQL, endedOn: SQL): SQL {
  return sql`((${next}) - (${first}) - case when ${isolatedOn} is null then 0
    else greatest(0, least(${endedOn}, ${next}) - greatest(${isolatedOn}, ${first})) end)`;
}

/** A month's fee for its days with service (`isolatedPeriodBilling: "prorata"`), rounded to the rupiah. */
export function proRataSql(fee: SQL, serviceDays: SQL, first: SQL, next: SQL): SQL {
  return sql`round((${fee})::numeric * ${serviceDays} / ((${next}) - (${first})))::bigint`;
}

/**
 * When a customer's isolir ends (the debt paid, or staff reinstate them): the month invoices issued
 * before the isolation whose due date fell inside it (`isolated_at` up to today, tenant-local) and
 * that are still unpaid are settled like a month the billing run had not billed yet
 * (monthly-billing.ts): with `isolatedPeriodBilling: "skip"` cancelled (their boosts are released to
 * the next invoice, as for any cancellation); with `"prorata"` cut to the month's days with service
 * (the boosts they charge kept) and due `lateInvoiceDueDays` after today, pending again — and
 * cancelled if that leaves nothing. Ad-hoc invoices (no period) are debts of their own and stay.
 * Runs in the caller's transaction, audited and announced as the caller's `payment.status_change`
 * or `payment.update`. Returns the invoices it settled.
 */
export async function settleIsolatedPeriods(tx: Tx, ctx: ServiceContext, customerId: string, now: Date) {
  const at = now.toISOString();
  const first = sql`to_date(p.period || '-01', 'YYYY-MM-DD')`;
  const next = sql`(to_date(p.period || '-01', 'YYYY-MM-DD') + interval '1 month')::date`;
  const days = serviceDaysSql(first, next, sql`k.isolated_on`, sql`k.today`);
  const result = await tx.execute<{
    id: string;
    old_status: string;
    status: string;
    old_amount: number;
    amount: number;
    old_due: string;
    due_date: string;
  }>(sql`
    with k as (
      select c.tenant_id, c.id, (c.isolated_at at time zone t.timezone)::date as isolated_on,
             (${at}::timestamptz at time zone t.timezone)::date as today,
             ${billingSettingSql("lateInvoiceDueDays")} as late_due_days, ${isolatedPeriodBillingSql} as mode
      from customers c join tenants t on t.id = c.tenant_id
      where c.tenant_id = ${ctx.tenant.id}::uuid and c.id = ${customerId}::uuid and c.isolated_at is not null
    ),
    covered as (
      select p.id, p.status as old_status, p.amount as old_amount, p.due_date as old_due, k.today, k.late_due_days,
             case when k.mode = 'prorata' then ${proRataSql(sql`p.amount - coalesce(b.amount, 0)`, days, first, next)}
               + coalesce(b.amount, 0) else 0 end as amount
      from payments p
      join k on k.tenant_id = p.tenant_id and k.id = p.customer_id
      left join lateral (select sum(sb.price)::bigint as amount from speed_boosts sb
                          where sb.tenant_id = p.tenant_id and sb.billed_payment_id = p.id) b on true
      where p.period is not null and p.status in ('pending', 'overdue')
        and p.due_date >= k.isolated_on and p.due_date < k.today
      for update of p
    ),
    settled as (
      update payments p
         set status = case when c.amount > 0 then 'pending' else 'cancelled' end,
             amount = case when c.amount > 0 then c.amount else p.amount end,
             due_date = case when c.amount > 0 then c.today + c.late_due_days else p.due_date end,
             suspension_applied_at = case when c.amount > 0 then null else p.suspension_applied_at end,
             updated_at = ${at}::timestamptz
        from covered c
       where p.id = c.id
      returning p.id, c.old_status, p.status, c.old_amount, p.amount, c.old_due::text, p.due_date::text
    ),
    released as (
      update speed_boosts sb set billed_payment_id = null, updated_at = ${at}::timestamptz
        from settled s where sb.billed_payment_id = s.id and s.status = 'cancelled'
    )
    select * from settled order by id`);
  for (const r of result.rows) {
    await recordChange(tx, ctx, {
      tenantId: ctx.tenant.id,
      action: r.status === r.old_status ? "update" : "status_change",
      entityType: "payment",
      entityId: r.id,
      changes: {
        ...(r.status !== r.old_status && { status: { old: r.old_status, new: r.status } }),
        ...(Number(r.amount) !== Number(r.old_amount) && {
          amount: { old: Number(r.old_amount), new: Number(r.amount) },
        }),
        ...(r.due_date !== r.old_due && { dueDate: { old: r.old_due, new: r.due_date } }),
        reason: "isolated_period",
      },
    });
  }
  return result.rows.map((r) => r.id);
}
