import { sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { recordSystemChangesSql } from "../events/record-sql";

export interface ExpireOptions {
  /** Only this tenant's boosts (a suspension by staff, tests); default: every tenant. */
  tenantId?: string;
  /** Only this customer's (with `tenantId`). */
  customerId?: string;
  /** Only the boosts of customers no longer active (the overdue job after isolir): the boosts that
   * merely reached their end are left to the expiry job at its own time. */
  stoppedOnly?: boolean;
}

/**
 * The speed-boost expiry job (Cron Trigger), on the privileged `system` handle, across all tenants
 * (Property 35). One set-based statement — hence one transaction — that:
 * 1. turns every `active` boost with `end_date <= now` into `expired`, and so every active boost
 *    whose customer is no longer active (suspended — by staff or isolir —, terminated or deleted):
 *    such a boost ends now, cut to the days used (`duration_days` = whole days begun since the start,
 *    `price` pro rata, rounded), so it is not billed for the days after (issue 11); when the billing
 *    run has charged it already on an invoice still unpaid, that invoice's amount drops by the same;
 * 2. reverts each such customer's effective plan to null (= the subscribed plan, which a boost never
 *    touches) and marks provisioning `pending`, so the router follows even if it was offline;
 * 3. writes an audit row (actor_type system) and an outbox event for each change:
 *    `speed_boost.expire` and `customer.plan_change`.
 * Idempotent: a second run finds no active boost past its end. Correct when run late: "past" is
 * `end_date <= now`, however long ago. Two overlapping runs cannot both expire a boost: the second
 * waits on the row lock and then no longer sees it as active. Events are delivered by the outbox
 * sweeper (no request is waiting on them). Also run by the overdue job after isolir and inside a
 * status change by staff (`opts` narrows it), so a suspension ends the boost at once.
 */
export async function expireSpeedBoosts(db: DbOrTx, now: Date, opts: ExpireOptions = {}): Promise<{ expired: number }> {
  const at = now.toISOString();
  const scope = sql`${opts.tenantId ? sql`and sb.tenant_id = ${opts.tenantId}::uuid` : sql``}
    ${opts.customerId ? sql`and sb.customer_id = ${opts.customerId}::uuid` : sql``}
    ${opts.stoppedOnly ? sql`and (c.status <> 'active' or c.deleted_at is not null)` : sql``}`;
  const result = await db.execute<{ expired: number }>(sql`
    with ending as (
      select sb.id, sb.price as old_price, sb.duration_days as old_days, sb.billed_payment_id,
             sb.end_date <= ${at}::timestamptz as finished,
             greatest(1, ceil(extract(epoch from ${at}::timestamptz - sb.start_date) / 86400))::int as used_days
        from speed_boosts sb
        join customers c on c.tenant_id = sb.tenant_id and c.id = sb.customer_id
       where sb.status = 'active' ${scope}
         and (sb.end_date <= ${at}::timestamptz
              or ((c.status <> 'active' or c.deleted_at is not null) and sb.start_date < ${at}::timestamptz))
       for update of sb
    ),
    due as (
      update speed_boosts sb
         set status = 'expired', updated_at = ${at}::timestamptz,
             end_date = case when e.finished then sb.end_date else ${at}::timestamptz end,
             duration_days = case when e.finished then sb.duration_days else least(e.used_days, sb.duration_days) end,
             price = case when e.finished then sb.price
                          else round(sb.price::numeric * least(e.used_days, sb.duration_days) / sb.duration_days)::bigint end
        from ending e
       where sb.id = e.id
      returning sb.id, sb.tenant_id, sb.customer_id, sb.boost_plan_id, sb.end_date, sb.duration_days, sb.price,
                e.finished, e.old_price, e.old_days, e.billed_payment_id
    ),
    recharged as (
      update payments p set amount = p.amount - (d.old_price - d.price), updated_at = ${at}::timestamptz
        from due d
       where p.tenant_id = d.tenant_id and p.id = d.billed_payment_id and not d.finished
         and d.price < d.old_price and p.status in ('pending', 'overdue')
      returning p.id, p.tenant_id, p.amount, d.old_price - d.price as cut, d.id as boost_id
    ),
    reverted as (
      update customers c
         set effective_plan_id = null, provisioning_state = 'pending', provisioning_error = null,
             updated_at = ${at}::timestamptz
        from due
       where c.id = due.customer_id and c.tenant_id = due.tenant_id
      returning c.id, c.tenant_id, c.service_plan_id, due.boost_plan_id, due.id as boost_id
    ),
    changes as (
      select tenant_id, entity_type, entity_id, action, data, data as changes from (
        select tenant_id, 'speed_boost' as entity_type, id::text as entity_id, 'expire' as action,
               jsonb_build_object('status', jsonb_build_object('old', 'active', 'new', 'expired'),
                                  'customerId', customer_id, 'endDate', end_date)
               || case when finished then '{}'::jsonb else jsonb_build_object('reason', 'customer_not_active',
                    'durationDays', jsonb_build_object('old', old_days, 'new', duration_days),
                    'price', jsonb_build_object('old', old_price, 'new', price)) end as data
          from due
        union all
        select tenant_id, 'customer', id::text, 'plan_change',
               jsonb_build_object('effectivePlanId', jsonb_build_object('old', boost_plan_id, 'new', null),
                                  'servicePlanId', service_plan_id, 'speedBoostId', boost_id)
          from reverted
        union all
        select tenant_id, 'payment', id::text, 'update',
               jsonb_build_object('amount', jsonb_build_object('old', amount + cut, 'new', amount),
                                  'speedBoostId', boost_id)
          from recharged
      ) c
    ),
    ${recordSystemChangesSql("changes", `cron:speed-boost-expiry:${crypto.randomUUID()}`)}
    select count(*)::int as expired from due`);
  return { expired: Number(result.rows[0]?.expired ?? 0) };
}
