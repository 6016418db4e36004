import { failedJobs, jobs } from "../../../src/db/schema";
import { testDb } from "../../support/db";

/** A `jobs` row of the tenant (the system handle writes it, as a consumer would). */
export async function seedJob(tenantId: string, values: Partial<typeof jobs.$inferInsert> = {}): Promise<string> {
  const { db, close } = testDb("system");
  try {
    const [row] = await db
      .insert(jobs)
      .values({ tenantId, type: "backup.run", status: "running", progress: 40, ...values })
      .returning({ id: jobs.id });
    if (!row) throw new Error("no job");
    return row.id;
  } finally {
    await close();
  }
}

/**
 * A dead letter of the tenant; by default an `email.send` message for a notification that does not
 * exist (harmless to retry: the consumer finds nothing to send and acks it).
 */
export async function seedFailedJob(tenantId: string, payload?: Record<string, unknown>): Promise<string> {
  const { db, close } = testDb("system");
  const notificationId = crypto.randomUUID();
  const body = payload ?? {
    type: "email.send",
    tenantId,
    notificationId,
    idempotencyKey: `notification:${notificationId}`,
  };
  try {
    const [row] = await db
      .insert(failedJobs)
      .values({
        tenantId,
        queue: "jobs",
        jobType: String(body.type),
        payload: body,
        error: "451 4.3.0 Try again later",
        attempts: 3,
      })
      .returning({ id: failedJobs.id });
    if (!row) throw new Error("no failed job");
    return row.id;
  } finally {
    await close();
  }
}
