import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { JobQueue } from "../../queues/producer";
import { EVENT_EMAIL_RULES, type EventEmailRule, ruleStatement } from "./event-rules";
import { enqueueNotifications } from "./queue-emails";

/** Events by id (a request's committed events). */
export function eventsByIds(ids: number[]): SQL {
  if (ids.length === 0) return sql`false`;
  return sql`e.id in (${sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )})`;
}

/** Events written after `id` (what a cron run produced; `id` read just before it ran). */
export function eventsAfter(id: number): SQL {
  return sql`e.id > ${id}`;
}

/** The newest event id now: a cron reads it before its job and passes it to `eventsAfter`. */
export async function latestEventId(db: Db): Promise<number> {
  const r = await db.execute<{ id: string | number | null }>(sql`select max(id) as id from domain_events`);
  return Number(r.rows[0]?.id ?? 0);
}

/**
 * Runs the email rules over the selected events: creates their notifications (idempotent) and
 * enqueues one `email.send` per new one. Runs on the privileged handle because one call may span
 * tenants (a cron's events); every join of the rules matches on `tenant_id`.
 */
export async function notifyForEvents(
  db: Db,
  queue: JobQueue,
  events: SQL,
  rules: EventEmailRule[] = EVENT_EMAIL_RULES,
): Promise<{ created: number; enqueued: boolean }> {
  const created: { id: string; tenantId: string }[] = [];
  for (const rule of rules) {
    const r = await db.execute<{ id: string; tenant_id: string }>(ruleStatement(rule, events));
    for (const row of r.rows) created.push({ id: row.id, tenantId: row.tenant_id });
  }
  const enqueued = await enqueueNotifications(queue, created);
  return { created: created.length, enqueued };
}
