import { and, eq, gt, sql } from "drizzle-orm";
import { backups } from "../../db/schema";
import { type ServiceContext, withTenantTx } from "../context";
import { ConflictError, UnavailableError } from "../errors";
import { recordChange } from "../events/record";
import { requirePermission } from "../permissions";
import type { BackupDeps } from "./deps";
import { recordBackupFailure } from "./failure";
import { type BackupView, backupObjectKey, RETENTION_DAYS, toBackupView } from "./internal";

/**
 * A run still `running` after this long is taken for dead (its Worker was evicted) and no longer
 * blocks a new one. Well above the longest backup a Worker can run (15 minutes for queue jobs).
 */
export const STALE_RUN_MINUTES = 60;

/**
 * Opens a backup run: the `running` row the API answers with (202) before the work starts, and the
 * queue job or cron run then fills. One run per tenant at a time (409 while another is running).
 * `expires_at` is set now, so failed and abandoned rows are pruned after the retention like any other.
 */
export async function startBackup(ctx: ServiceContext): Promise<BackupView> {
  requirePermission(ctx, "backups:write");
  const tenantId = ctx.tenant.id;
  return withTenantTx(ctx, async (tx, txCtx) => {
    // Serialises concurrent starts of one tenant, so the check below cannot pass twice.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`backup:${tenantId}`}, 0))`);
    const [running] = await tx
      .select({ id: backups.id })
      .from(backups)
      .where(
        and(
          eq(backups.tenantId, tenantId),
          eq(backups.status, "running"),
          gt(backups.createdAt, sql`now() - make_interval(mins => ${STALE_RUN_MINUTES})`),
        ),
      )
      .limit(1);
    if (running) throw new ConflictError(`Backup ${running.id} is still running`);
    // The object key is known up front, so retention removes the object with the row whatever its status.
    const id = crypto.randomUUID();
    const [row] = await tx
      .insert(backups)
      .values({
        id,
        tenantId,
        status: "running",
        objectKey: backupObjectKey(tenantId, id),
        expiresAt: sql`now() + make_interval(days => ${RETENTION_DAYS})`,
      })
      .returning();
    if (!row) throw new Error("insert returned no backup");
    const view = toBackupView(row);
    await recordChange(tx, txCtx, {
      tenantId,
      action: "create",
      entityType: "backup",
      entityId: row.id,
      changes: view,
    });
    return view;
  });
}

/**
 * `POST /backups`: opens the run and puts a `backup.run` job on the queue, like the daily cron does
 * (one way to run a backup, with the queue's 15-minute budget, retries and progress). If the queue
 * refuses, the run is recorded as failed at once (so it neither blocks the next one nor stays
 * `running` forever) and the caller gets a 503.
 */
export async function requestBackup(ctx: ServiceContext, deps: Pick<BackupDeps, "queue" | "log">): Promise<BackupView> {
  const backup = await startBackup(ctx);
  try {
    await deps.queue.send({
      type: "backup.run",
      tenantId: ctx.tenant.id,
      backupId: backup.id,
      trigger: "manual",
      idempotencyKey: `backup:manual:${backup.id}`,
    });
  } catch (err) {
    await recordBackupFailure(ctx, deps, backup.id, err);
    throw new UnavailableError("The job queue is unavailable; the backup was not started");
  }
  return backup;
}
