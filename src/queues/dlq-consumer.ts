import { and, eq, inArray, sql } from "drizzle-orm";
import { jobs, notifications } from "../db/schema";
import { failAbandonedBackup } from "../services/backups/abandoned";
import { describeError } from "../services/email/deliver";
import type { JobDeps } from "./deps";
import { recordFailedJob } from "./failed-jobs";
import type { IncomingMessage } from "./jobs-consumer";
import { JOBS_QUEUE, JobMessageSchema } from "./messages";
import { JOBS_MAX_RETRIES } from "./policy";

/**
 * `jobs-dlq`: messages Queues gave up on (their consumer crashed or timed out every time, so it
 * could not dead-letter them itself). Each becomes a visible `failed_jobs` row with the last error
 * its job or notification row recorded, and that row is marked `failed` too. A tracked job that
 * did succeed in the end (a duplicate kept busy-retrying) is only acked. A `backup.run` that names
 * its backup row fails that row too if it is still `running` (its Worker died mid-run), which
 * tells the tenant's admins (Property 55); a run that ended already is left as it is.
 */
export async function consumeDeadLetters(messages: readonly IncomingMessage[], deps: JobDeps): Promise<void> {
  const db = deps.dbs.system();
  for (const message of messages) {
    try {
      const parsed = JobMessageSchema.safeParse(message.body);
      const attempts = JOBS_MAX_RETRIES + 1;
      if (!parsed.success) {
        const type = (message.body as { type?: unknown } | null)?.type;
        await recordFailedJob(db, {
          tenantId: null,
          queue: JOBS_QUEUE,
          jobType: typeof type === "string" ? type.slice(0, 64) : "unknown",
          payload: message.body,
          error: "invalid message (reached the dead-letter queue)",
          attempts,
        });
        message.ack();
        continue;
      }
      const msg = parsed.data;
      let error = "retries exhausted: the consumer did not finish";
      if (msg.type === "email.send") {
        const [row] = await db
          .update(notifications)
          .set({ status: "failed" })
          .where(and(eq(notifications.tenantId, msg.tenantId), eq(notifications.id, msg.notificationId)))
          .returning({ lastError: notifications.lastError, status: notifications.status });
        if (!row) {
          message.ack(); // tenant or notification gone: nothing left to retry
          continue;
        }
        error = row.lastError ?? error;
      } else {
        const where = and(eq(jobs.tenantId, msg.tenantId), eq(jobs.idempotencyKey, msg.idempotencyKey));
        const [row] = await db.select({ status: jobs.status, error: jobs.error }).from(jobs).where(where).limit(1);
        if (row?.status === "succeeded") {
          message.ack();
          continue;
        }
        error = row?.error ?? error;
        await db
          .update(jobs)
          .set({ status: "failed", error, updatedAt: sql`now()` })
          .where(and(where, inArray(jobs.status, ["queued", "running"])));
        if (msg.type === "backup.run" && msg.backupId) {
          const { dbs, queue, log, publisher } = deps;
          const backupDeps = { app: dbs.app(), system: db, queue, log, publisher };
          // Best effort: a backup row already pruned must not keep the dead letter from being recorded.
          await failAbandonedBackup(backupDeps, "jobs-dlq", msg.tenantId, msg.backupId, error).catch((err) =>
            deps.log.error("could not fail the dead-lettered backup run", { backupId: msg.backupId, err }),
          );
        }
      }
      await recordFailedJob(db, {
        tenantId: msg.tenantId,
        queue: JOBS_QUEUE,
        jobType: msg.type,
        payload: message.body,
        error,
        attempts,
      });
      deps.log.warn("dead letter recorded", { messageId: message.id, type: msg.type, tenantId: msg.tenantId });
      message.ack();
    } catch (err) {
      // e.g. the tenant was deleted between the checks (foreign key), or the database is down.
      deps.log.error("could not record a dead letter", { messageId: message.id, err: describeError(err) });
      message.retry({ delaySeconds: 60 });
    }
  }
}
