import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { failedJobs, jobs, notifications } from "../../db/schema";
import { type JobMessage, JobMessageSchema } from "../../queues/messages";
import type { JobQueue } from "../../queues/producer";
import { startBackup } from "../backups/create";
import { type ServiceContext, withTenantTx } from "../context";
import { ConflictError } from "../errors";
import { recordChange } from "../events/record";
import { requirePermission } from "../permissions";
import { type FailedJobView, getFailedJobInTenant, toFailedJobView } from "./internal";

/**
 * An operator's retry of a dead-lettered job: the state that made the consumer stop (the
 * notification's `failed`, the job's `failed`) is reset, the original message is enqueued again,
 * and the record is marked `retried`. The enqueue is the last step inside the transaction: if the
 * queue refuses, nothing changed; the row lock makes a double click retry once (409 the second time).
 * A manual backup's message names the backup row it was to fill; that row is `failed` now, so
 * the retry opens a fresh run (see `retryMessage`).
 */
export async function retryFailedJob(ctx: ServiceContext, queue: JobQueue, id: string): Promise<FailedJobView> {
  requirePermission(ctx, "jobs:write");
  const tenantId = ctx.tenant.id;
  return withTenantTx(ctx, async (tx, txCtx) => {
    const row = await getFailedJobInTenant(tx, tenantId, id, true);
    if (row.status !== "failed") throw new ConflictError(`This job was already ${row.status}`);
    const parsed = JobMessageSchema.safeParse(row.payload);
    if (!parsed.success || parsed.data.tenantId !== tenantId) {
      throw new ConflictError("This job's message is invalid and cannot be retried");
    }
    await resetForRetry(tx, parsed.data);
    const message = await retryMessage(txCtx, parsed.data);
    const [after] = await tx
      .update(failedJobs)
      .set({ status: "retried", retriedAt: sql`now()` })
      .where(and(eq(failedJobs.tenantId, tenantId), eq(failedJobs.id, id)))
      .returning();
    if (!after) throw new Error("failed job vanished during retry");
    await recordChange(tx, txCtx, {
      tenantId,
      action: "retry",
      entityType: "failed_job",
      entityId: id,
      changes: {
        status: { old: "failed", new: "retried" },
        jobType: row.jobType,
        ...(message.type === "backup.run" && message.backupId ? { backupId: message.backupId } : {}),
      },
    });
    await queue.send(message);
    return toFailedJobView(after);
  });
}

/**
 * The message to enqueue again. A `backup.run` with a `backupId` would find its run finished (the
 * consumer returns a run that is no longer `running` as it is: the redelivery guard) and do
 * nothing, so a new run is opened here, in this transaction, exactly as `POST /backups` does: the
 * admin sees it `running` at once, a backup already running is a 409, and if the enqueue fails the
 * new row rolls back with the rest. The failed run stays as it was, for the record. (Dropping the
 * `backupId` instead would let the consumer open the run, but only once it picks the message up.)
 */
async function retryMessage(ctx: ServiceContext, msg: JobMessage): Promise<JobMessage> {
  if (msg.type !== "backup.run" || !msg.backupId) return msg;
  const fresh = await startBackup(ctx);
  return { ...msg, backupId: fresh.id };
}

/** Puts what the message works on back into a runnable state (fresh attempts for an email). */
async function resetForRetry(tx: Tx, msg: JobMessage): Promise<void> {
  if (msg.type === "email.send") {
    await tx
      .update(notifications)
      .set({ status: "queued", attempts: 0 })
      .where(
        and(
          eq(notifications.tenantId, msg.tenantId),
          eq(notifications.id, msg.notificationId),
          eq(notifications.status, "failed"),
        ),
      );
    return;
  }
  await tx
    .update(jobs)
    .set({ status: "queued", error: null, progress: 0 })
    .where(
      and(eq(jobs.tenantId, msg.tenantId), eq(jobs.idempotencyKey, msg.idempotencyKey), eq(jobs.status, "failed")),
    );
}
