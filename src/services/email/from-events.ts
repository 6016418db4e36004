import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { JobQueue } from "../../queues/producer";
import { EVENT_EMAIL_RULES, type EventEmailRule, ruleStatement } from "./event-rules";
import { enqueueNotifications } from "./queue-emails";

/**
 * Events are taken in chunks: each chunk's notifications and its cleared `emails_due` are progress
 * that a failure later in the run does not undo. 5 000 keeps each rule's statement well under a
 * second at the 100 000-invoice billing run.
 */
const CHUNK = 5000;

/** Events by id (a request's committed events). */
export function eventsByIds(ids: number[]): SQL {
  return ids.length === 0 ? sql`false` : sql`e.id = any(${idArray(ids)})`;
}

/** Events written after `id` (what a cron run produced; `id` read just before it ran). */
export function eventsAfter(id: number): SQL {
  return sql`e.id > ${id}`;
}

/** Events older than `at`: what a failed or lost run of the rules left behind (the sweep). */
export function eventsBefore(at: Date): SQL {
  return sql`e.created_at < ${at.toISOString()}::timestamptz`;
}

/** The newest event id now: a cron reads it before its job and passes it to `eventsAfter`. */
export async function latestEventId(db: Db): Promise<number> {
  const r = await db.execute<{ id: string | number | null }>(sql`select max(id) as id from domain_events`);
  return Number(r.rows[0]?.id ?? 0);
}

/**
 * Runs the email rules over the selected events that still have `emails_due`: creates their
 * notifications (idempotent: ids derive from the event) and enqueues one `email.send` per new one,
 * then clears `emails_due` on exactly the events the rules saw, chunk by chunk. An event whose
 * chunk failed keeps the flag, and the sweep (`sweepEventEmails`) runs the rules over it again, so
 * the emails of a committed change are not lost when this step fails. Runs on the privileged
 * handle because one call may span tenants (a cron's events); every join of the rules matches on
 * `tenant_id`.
 */
export async function notifyForEvents(
  db: Db,
  queue: JobQueue,
  events: SQL,
  rules: EventEmailRule[] = EVENT_EMAIL_RULES,
): Promise<{ created: number; enqueued: boolean }> {
  let created = 0;
  let enqueued = true;
  for (;;) {
    const due = await db.execute<{ id: string | number }>(sql`
      select e.id from domain_events e where e.emails_due and ${events} order by e.id limit ${CHUNK}`);
    const ids = due.rows.map((r) => Number(r.id));
    if (ids.length === 0) break;
    const rows: { id: string; tenantId: string }[] = [];
    for (const rule of rules) {
      const r = await db.execute<{ id: string; tenant_id: string }>(ruleStatement(rule, eventsByIds(ids)));
      for (const row of r.rows) rows.push({ id: row.id, tenantId: row.tenant_id });
    }
    enqueued = (await enqueueNotifications(queue, rows)) && enqueued;
    await db.execute(sql`update domain_events set emails_due = false where id = any(${idArray(ids)})`);
    created += rows.length;
    if (ids.length < CHUNK) break;
  }
  return { created, enqueued };
}

/**
 * The email outbox sweep (cron, every minute): the rules over every event still `emails_due` that
 * is older than `before`, so that the request's own after-commit run has surely had its turn.
 * `tenantId` limits it to one tenant (tests, a manual re-run).
 */
export async function sweepEventEmails(
  db: Db,
  queue: JobQueue,
  before: Date,
  opts: { tenantId?: string } = {},
): Promise<{ created: number }> {
  const scope = opts.tenantId ? sql` and e.tenant_id = ${opts.tenantId}::uuid` : sql``;
  const { created } = await notifyForEvents(db, queue, sql`${eventsBefore(before)}${scope}`);
  return { created };
}

/** A list of event ids as one `bigint[]` parameter (a 5 000-id list is one value, not 5 000). */
function idArray(ids: number[]): SQL {
  return sql`${`{${ids.map((id) => Math.trunc(id)).join(",")}}`}::bigint[]`;
}
