import { and, eq, lt } from "drizzle-orm";
import type { Db } from "../../db/client";
import { backups } from "../../db/schema";
import type { Logger } from "../../lib/logger";
import type { JobQueue } from "../../queues/producer";
import { type EventPublisher, eventCollector } from "../events/publisher";
import { systemTenantContext } from "../system-context";
import { STALE_RUN_MINUTES } from "./create";
import { recordBackupFailure } from "./failure";
import type { BackupView } from "./internal";

/** What failing a run from outside a request (the daily cron, the dead-letter consumer) needs. */
export interface AbandonedBackupDeps {
  /** The row-level-security handle the tenant's context runs on. */
  app: Db;
  /** The privileged handle: finds stale runs across tenants. */
  system: Db;
  queue: JobQueue;
  log: Logger;
  /** Delivers the committed `backup.fail` and alert events to the tenant's WebSocket hub. */
  publisher: EventPublisher;
}

/**
 * Fails one run of a tenant whose Worker died, as the `system` actor, through
 * `recordBackupFailure` (Property 55: every admin is emailed, the `backup.fail` event goes to the
 * hub, an alert opens), then publishes the events. A run that already ended is left as it is and
 * nobody is told twice; null when the tenant is gone.
 */
export async function failAbandonedBackup(
  deps: AbandonedBackupDeps,
  job: string,
  tenantId: string,
  backupId: string,
  cause: string,
): Promise<BackupView | null> {
  const base = await systemTenantContext(deps.app, tenantId, job);
  if (!base) return null;
  const events = eventCollector();
  const view = await recordBackupFailure({ ...base, events }, deps, backupId, new Error(cause));
  const committed = events.drain();
  if (committed.length) {
    await deps.publisher.publish(committed).catch((err) => deps.log.warn("publish failed", { backupId, err }));
  }
  return view;
}

/**
 * Runs still `running` after STALE_RUN_MINUTES (no backup lasts that long: a queue job gets 15
 * minutes) lost their Worker; each is failed as above. One run's error does not stop the others.
 */
export async function failStaleBackups(deps: AbandonedBackupDeps, now: Date): Promise<{ staleFailed: number }> {
  const cutoff = new Date(now.getTime() - STALE_RUN_MINUTES * 60_000);
  const stale = await deps.system
    .select({ id: backups.id, tenantId: backups.tenantId })
    .from(backups)
    .where(and(eq(backups.status, "running"), lt(backups.createdAt, cutoff)))
    .orderBy(backups.createdAt, backups.id)
    .limit(1000);
  let staleFailed = 0;
  for (const run of stale) {
    try {
      const view = await failAbandonedBackup(
        deps,
        "backup-stale-runs",
        run.tenantId,
        run.id,
        `The backup did not finish within ${STALE_RUN_MINUTES} minutes (its Worker stopped); start a new one`,
      );
      if (view?.status === "failed") staleFailed += 1;
    } catch (err) {
      deps.log.error("could not fail a stale backup run", { tenantId: run.tenantId, backupId: run.id, err });
    }
  }
  return { staleFailed };
}
