import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { recordSystemChangesSql } from "../events/record-sql";
import { proRataSql, serviceDaysSql } from "./isolated-periods";
import { billingSettingSql, isolatedPeriodBillingSql } from "./settings";

export interface BillingRunOptions {
  /** Bill one tenant only (tests, a manual re-run); default: every active tenant. */
  tenantId?: string;
  /**
   * The overdue pass only (overdue-job.ts): skip tenants whose local hour is before their
   * `isolirHour` (settings.ts), so suspensions and overdue notices start when the office is open.
   */
  fromIsolirHour?: boolean;
}

/**
 * A granted boost (`sb`) of the customer of `l` that started before `l.period_start` and is not
 * charged yet: the billing run adds it to this period's invoice (boosts are billed in arrears,
 * on the invoice after the month they started; the price was fixed at request, Property 33).
 */
const unbilledBoost = (l: SQL) => sql`sb.tenant_id = ${l}.tenant_id and sb.customer_id = ${l}.customer_id
  and sb.billed_payment_id is null and sb.status in ('approved', 'active', 'expired') and sb.price > 0
  and sb.start_date < ${l}.period_start`;

/**
 * The monthly billing run (cron): one `pending` payment per active, live customer per period,
 * where the period is the month of `now` in each tenant's time zone, the amount the customer's
 * monthly fee (plus boosts, below) and the due date the billing day of that month (Property 19).
 *
 * One statement, set-based: `INSERT … SELECT … ON CONFLICT DO NOTHING` over all customers, with
 * the audit rows (actor `system`) and the outbox events written from the inserted rows by
 * data-modifying CTEs, so the invoices, their audit trail and their events commit together.
 * Idempotent: a period with any payment (even a cancelled one: a waived month stays waived) is
 * skipped, and the partial unique index on (tenant, customer, period) turns the races — two
 * overlapping runs, a customer billed by hand meanwhile — into no-ops. Invoice
 * numbers are `INV-<YYYYMM>-<customer code>` (payments/invoice-number.ts, same expression).
 * The amount is the monthly fee plus the speed boosts granted before the period and not charged
 * yet (`unbilledBoost`), which the same statement links to the new payment (`billed_payment_id`),
 * so each boost is charged exactly once; a payment made by hand for the period charges none, and
 * they wait for the next run. Cancelling a payment unlinks its boosts (payments/update-status.ts),
 * so the next period's run charges them (the run never bills the cancelled period again).
 * Customers with a zero monthly fee get no invoice (amounts are strictly positive), and neither
 * does a customer installed after this period's due date: their first invoice is the next
 * period's (an invoice due before the line even existed would be overdue at birth, marked overdue
 * and mailed by the hourly job; the installation visit settles the first weeks). The installation
 * date is optional: without one, the day the customer was created (in the tenant's time zone)
 * stands in for it. Runs on the privileged `system` handle: it crosses tenants by design.
 *
 * Isolir (issue 11): a customer restored by paying after the period's due date is billed nothing
 * for a month whose due date fell inside their isolation for nonpayment (`customers.isolated_at` to
 * `isolation_ended_at`, tenant-local days) — or, with `isolatedPeriodBilling: "prorata"`, the fee
 * for the month's days with service, rounded to the rupiah (the restoration day counts). And an
 * invoice issued on or after the period's due date is due `lateInvoiceDueDays` after the issue day
 * (settings.ts), so nobody is billed into an invoice that is overdue at birth and suspended for it
 * at the next overdue pass (isolir.ts refuses such invoices as well, however they were made).
 * A skipped month leaves no payment, so each run decides it again from the latest isolation. An
 * invoice's `created_at` is the run's `now`: its issue day, which isolir compares the due date with.
 * Events are left to the outbox sweeper.
 *
 * Each tenant's run is also recorded as a `jobs` row (`billing.run`, key `billing:<YYYY-MM>`, the
 * invoices and amount of the period so far in `result`) with its `job.complete` event, so
 * operators see the run in `GET /jobs` and live on the WebSocket. A later run that finds new
 * customers adds to the same row; one that bills nothing leaves it alone.
 */
export async function runMonthlyBilling(db: Db, now: Date, opts: BillingRunOptions = {}): Promise<{ created: number }> {
  const runId = `cron:monthly-billing:${crypto.randomUUID()}`;
  const at = now.toISOString();
  const tenantFilter = opts.tenantId ? sql`and t.id = ${opts.tenantId}::uuid` : sql``;
  const result = await db.execute<{ created: number }>(sql`
    with local as (
      select c.tenant_id, c.id as customer_id, c.customer_code, c.monthly_fee, c.billing_day,
             coalesce(c.installation_date, (c.created_at at time zone t.timezone)::date) as service_start,
             (c.isolated_at at time zone t.timezone)::date as isolated_on,
             (c.isolation_ended_at at time zone t.timezone)::date as isolation_ended_on,
             (${at}::timestamptz at time zone t.timezone)::date as today,
             ${billingSettingSql("lateInvoiceDueDays")} as late_due_days,
             ${isolatedPeriodBillingSql} as isolated_billing,
             to_char(${at}::timestamptz at time zone t.timezone, 'YYYY-MM') as period,
             date_trunc('month', ${at}::timestamptz at time zone t.timezone) at time zone t.timezone as period_start
      from customers c
      join tenants t on t.id = c.tenant_id
      where t.is_active and c.deleted_at is null and c.status = 'active' and c.monthly_fee > 0
      ${tenantFilter}
    ),
    dated as (
      select l.*, make_date(split_part(period, '-', 1)::int, split_part(period, '-', 2)::int, billing_day) as period_due,
             date_trunc('month', today)::date as first_day,
             (date_trunc('month', today) + interval '1 month')::date as next_first_day
      from local l
    ),
    terms as (
      select d.*,
             -- The isolation covers the period's due date: cut off on or before it, restored after it.
             coalesce(isolated_on <= period_due and coalesce(isolation_ended_on, today + 1) > period_due, false)
               as isolated_at_due,
             ${serviceDaysSql(sql`first_day`, sql`next_first_day`, sql`isolated_on`, sql`coalesce(isolation_ended_on, today + 1)`)} as service_days
      from dated d
    ),
    billable as (
      select l.*,
             -- Issued on or after the due date (a customer restored late): due some days after issue.
             case when today >= period_due then today + late_due_days else period_due end as due_date,
             case when not isolated_at_due then monthly_fee
                  when isolated_billing = 'prorata'
                    then ${proRataSql(sql`monthly_fee`, sql`service_days`, sql`first_day`, sql`next_first_day`)}
                  else 0 end as fee,
             coalesce(b.amount, 0) as boosts
      from terms l
      left join lateral (
        select sum(sb.price)::bigint as amount from speed_boosts sb
        where ${unbilledBoost(sql`l`)}
      ) b on true
    ),
    inserted as (
      insert into payments (tenant_id, customer_id, invoice_number, period, amount, due_date, status, created_at, updated_at)
      select tenant_id, customer_id,
             'INV-' || replace(period, '-', '') || '-' || customer_code,
             period, fee + boosts, due_date, 'pending', ${at}::timestamptz, ${at}::timestamptz
      from billable l
      where service_start <= period_due and fee > 0
        and not exists (select 1 from payments p
                         where p.tenant_id = l.tenant_id and p.customer_id = l.customer_id and p.period = l.period)
      on conflict do nothing
      returning id, tenant_id, customer_id, invoice_number, period, amount, due_date, status
    ),
    charged as (
      update speed_boosts sb set billed_payment_id = i.id
      from inserted i
      join billable l on l.tenant_id = i.tenant_id and l.customer_id = i.customer_id
      where ${unbilledBoost(sql`l`)}
    ),
    entries as (
      select tenant_id, 'payment' as entity_type, id::text as entity_id, 'create' as action, data, data as changes
      from (select tenant_id, id, jsonb_build_object('id', id, 'invoiceNumber', invoice_number, 'customerId', customer_id,
              'period', period, 'amount', amount, 'dueDate', due_date, 'status', status) as data
            from inserted) i
    ),
    ${recordSystemChangesSql("entries", runId)},
    runs as (
      select tenant_id, period, count(*)::int as invoices, sum(amount)::bigint as amount
      from inserted group by tenant_id, period
    ),
    recorded as (
      insert into jobs as j (tenant_id, type, status, progress, idempotency_key, result)
      select tenant_id, 'billing.run', 'succeeded', 100, 'billing:' || period,
             jsonb_build_object('period', period, 'invoices', invoices, 'amount', amount)
      from runs
      on conflict (tenant_id, idempotency_key) do update
        set result = jsonb_build_object('period', excluded.result->'period',
              'invoices', (j.result->>'invoices')::int + (excluded.result->>'invoices')::int,
              'amount', (j.result->>'amount')::bigint + (excluded.result->>'amount')::bigint),
            updated_at = now()
      returning j.id, j.tenant_id, j.result
    ),
    run_entries as (
      select tenant_id, 'job' as entity_type, id::text as entity_id, 'complete' as action,
             jsonb_build_object('status', 'succeeded', 'type', 'billing.run') || result as changes,
             jsonb_build_object('jobId', id, 'type', 'billing.run', 'status', 'succeeded') || result as data
      from recorded
    ),
    ${recordSystemChangesSql("run_entries", runId)}
    select count(*)::int as created from inserted
  `);
  return { created: Number(result.rows[0]?.created ?? 0) };
}
