import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { recordSystemChangesSql } from "../events/record-sql";

/**
 * The speed-boost expiry job (Cron Trigger), on the privileged `system` handle, across all tenants
 * (Property 35). One set-based statement — hence one transaction — that:
 * 1. turns every `active` boost with `end_date <= now` into `expired`;
 * 2. reverts each such customer's effective plan to null (= the subscribed plan, which a boost never
 *    touches) and marks provisioning `pending`, so the router follows even if it was offline;
 * 3. writes an audit row (actor_type system) and an outbox event for each change:
 *    `speed_boost.expire` and `customer.plan_change`.
 * Idempotent: a second run finds no active boost past its end. Correct when run late: "past" is
 * `end_date <= now`, however long ago. Two overlapping runs cannot both expire a boost: the second
 * waits on the row lock and then no longer sees it as active. Events are delivered by the outbox
 * sweeper (no request is waiting on them).
 */
export async function expireSpeedBoosts(db: Db, now: Date): Promise<{ expired: number }> {
  const at = now.toISOString();
  const result = await db.execute<{ expired: number }>(sql`
    with due as (
      update speed_boosts
         set status = 'expired', updated_at = ${at}::timestamptz
       where status = 'active' and end_date <= ${at}::timestamptz
      returning id, tenant_id, customer_id, boost_plan_id, end_date
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
                                  'customerId', customer_id, 'endDate', end_date) as data
          from due
        union all
        select tenant_id, 'customer', id::text, 'plan_change',
               jsonb_build_object('effectivePlanId', jsonb_build_object('old', boost_plan_id, 'new', null),
                                  'servicePlanId', service_plan_id, 'speedBoostId', boost_id)
          from reverted
      ) c
    ),
    ${recordSystemChangesSql("changes", `cron:speed-boost-expiry:${crypto.randomUUID()}`)}
    select count(*)::int as expired from due`);
  return { expired: Number(result.rows[0]?.expired ?? 0) };
}
