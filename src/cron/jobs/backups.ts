import { sql } from "drizzle-orm";
import type { JobDeps } from "../../queues/deps";
import { failStaleBackups } from "../../services/backups/abandoned";

/**
 * Daily backups: one `backup.run` job per active tenant, keyed by the tenant's local date
 * (`backup:scheduled:2026-11-25`). The `jobs` row is inserted first and unique per tenant and key,
 * so a second run the same day inserts and enqueues nothing; rows still `queued` after 30 minutes
 * (their message was lost) are enqueued again, and the consumer's claim keeps that harmless.
 * `for key share` skips a tenant whose deletion commits meanwhile instead of failing the whole run
 * on the jobs foreign key.
 */
export async function enqueueDailyBackups(deps: JobDeps, now: Date): Promise<{ enqueued: number }> {
  const at = now.toISOString();
  const r = await deps.dbs.system().execute<{ id: string; tenant_id: string; idempotency_key: string }>(sql`
    with wanted as (
      select t.id as tenant_id,
             'backup:scheduled:' || to_char(${at}::timestamptz at time zone t.timezone, 'YYYY-MM-DD') as key
      from tenants t where t.is_active
      for key share of t
    ),
    inserted as (
      insert into jobs (tenant_id, type, status, idempotency_key)
      select tenant_id, 'backup.run', 'queued', key from wanted
      on conflict (tenant_id, idempotency_key) do nothing
      returning id, tenant_id, idempotency_key
    ),
    stuck as (
      update jobs j set updated_at = now()
      from wanted w
      where j.tenant_id = w.tenant_id and j.idempotency_key = w.key and j.type = 'backup.run'
        and j.status = 'queued' and j.updated_at < now() - interval '30 minutes'
      returning j.id, j.tenant_id, j.idempotency_key
    )
    select * from inserted union all select * from stuck`);
  await deps.queue.sendBatch(
    r.rows.map((row) => ({
      type: "backup.run",
      tenantId: row.tenant_id,
      jobId: row.id,
      trigger: "scheduled",
      idempotencyKey: row.idempotency_key,
    })),
  );
  return { enqueued: r.rows.length };
}

/**
 * Runs left `running` by a Worker that died (evicted, out of time) are failed and announced to the
 * tenant's admins (email + WebSocket, Property 55) instead of staying `running` forever. Daily,
 * with the backups, since a run is only taken for dead after an hour; the dead-letter consumer
 * fails an API-started run sooner.
 */
export function failStaleBackupRuns(deps: JobDeps, now: Date): Promise<{ staleFailed: number }> {
  const { dbs, queue, log, realtime } = deps;
  return failStaleBackups({ app: dbs.app(), system: dbs.system(), queue, log, publisher: realtime }, now);
}
