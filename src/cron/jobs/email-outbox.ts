import { sql } from "drizzle-orm";
import type { JobDeps } from "../../queues/deps";
import { EMAIL_MAX_ATTEMPTS } from "../../services/email/deliver";
import { enqueueNotifications } from "../../services/email/queue-emails";

/** How many stuck notifications one sweep re-enqueues at most (the next sweep takes the rest). */
const SWEEP_LIMIT = 1000;

/**
 * Notifications whose `email.send` never arrived (the queue refused it, the isolate died between
 * commit and enqueue) stay `queued`. This sweep enqueues those untouched for 10 minutes again,
 * stamping them first so the next sweep does not pile up duplicates. Safe: a notification is
 * locked while sending and a sent one is never sent again.
 */
export async function sweepEmailOutbox(deps: JobDeps): Promise<{ requeued: number }> {
  const r = await deps.dbs.system().execute<{ id: string; tenant_id: string }>(sql`
    update notifications n set updated_at = now()
    where n.id in (
      select id from notifications
      where status = 'queued' and attempts < ${EMAIL_MAX_ATTEMPTS} and updated_at < now() - interval '10 minutes'
      order by updated_at limit ${SWEEP_LIMIT}
    )
    returning n.id, n.tenant_id`);
  const rows = r.rows.map((x) => ({ id: x.id, tenantId: x.tenant_id }));
  const enqueued = await enqueueNotifications(deps.queue, rows);
  if (!enqueued) throw new Error("the queue refused the swept notifications");
  return { requeued: rows.length };
}
