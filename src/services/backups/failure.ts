import { and, eq, sql } from "drizzle-orm";
import { alerts, backups } from "../../db/schema";
import { type ServiceContext, withTenantTx } from "../context";
import { notifyBackupFailed } from "../email/queue-emails";
import { recordChange } from "../events/record";
import type { BackupDeps } from "./deps";
import { type BackupView, describeFailure, getBackupInTenant, toBackupView } from "./internal";

/**
 * Property 55: a failed backup reaches every admin of the tenant.
 * - The row becomes `failed` with the error, and `backup.fail` is recorded (audit + domain event
 *   in the same transaction): after commit the event goes to the tenant's WebSocket hub, which
 *   admins' dashboards are connected to.
 * - A `backup_failed` alert is opened (one unresolved per tenant: repeated failures do not pile up).
 * - After commit, one email per active admin is queued (the delivery log row, then an `email.send`
 *   job); an email that cannot be queued stays a `queued` row for the outbox sweep.
 * Only the call that moves the row out of `running` does this, so a redelivered job notifies once.
 */
export async function recordBackupFailure(
  ctx: ServiceContext,
  deps: Pick<BackupDeps, "queue" | "log">,
  backupId: string,
  cause: unknown,
): Promise<BackupView> {
  const tenantId = ctx.tenant.id;
  const error = describeFailure(cause);
  const outcome = await withTenantTx(ctx, async (tx, txCtx) => {
    const [row] = await tx
      .update(backups)
      .set({ status: "failed", error, completedAt: sql`now()` })
      .where(and(eq(backups.tenantId, tenantId), eq(backups.id, backupId), eq(backups.status, "running")))
      .returning();
    if (!row) return { view: toBackupView(await getBackupInTenant(tx, tenantId, backupId)), failedNow: false };
    const view = toBackupView(row);
    await recordChange(tx, txCtx, {
      tenantId,
      action: "fail",
      entityType: "backup",
      entityId: backupId,
      changes: { status: { old: "running", new: "failed" }, error },
      event: view,
    });
    const [alert] = await tx
      .insert(alerts)
      .values({
        tenantId,
        type: "backup_failed",
        severity: "critical",
        entityType: "tenant",
        entityId: tenantId,
        message: `Backup ${backupId} failed: ${error}`.slice(0, 1000),
        data: { backupId, error },
      })
      .onConflictDoNothing()
      .returning();
    if (alert) {
      await recordChange(tx, txCtx, {
        tenantId,
        action: "create",
        entityType: "alert",
        entityId: alert.id,
        changes: { type: alert.type, severity: alert.severity, message: alert.message, data: alert.data },
      });
    }
    return { view, failedNow: true };
  });
  if (outcome.failedNow) {
    try {
      await notifyBackupFailed(ctx, deps.queue, { backupId, error, failedAt: outcome.view.completedAt ?? new Date() });
    } catch (err) {
      deps.log?.error("could not queue backup failure emails", { tenantId, backupId, err });
    }
  }
  return outcome.view;
}
