import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { type FailedJob, failedJobs, type Job, jobs } from "../../db/schema";
import { NotFoundError } from "../errors";

export async function getJobInTenant(db: DbOrTx, tenantId: string, id: string): Promise<Job> {
  const [row] = await db
    .select()
    .from(jobs)
    .where(and(eq(jobs.tenantId, tenantId), eq(jobs.id, id)))
    .limit(1);
  if (!row) throw new NotFoundError("job", id);
  return row;
}

export async function getFailedJobInTenant(db: DbOrTx, tenantId: string, id: string, lock = false) {
  const query = db
    .select()
    .from(failedJobs)
    .where(and(eq(failedJobs.tenantId, tenantId), eq(failedJobs.id, id)))
    .limit(1);
  const [row] = lock ? await query.for("update") : await query;
  if (!row) throw new NotFoundError("failed job", id);
  return row;
}

export function toJobView(j: Job) {
  return {
    id: j.id,
    type: j.type,
    status: j.status,
    progress: j.progress,
    result: (j.result ?? null) as unknown,
    error: j.error,
    idempotencyKey: j.idempotencyKey,
    createdBy: j.createdBy,
    createdAt: j.createdAt.toISOString(),
    updatedAt: j.updatedAt.toISOString(),
  };
}
export type JobView = ReturnType<typeof toJobView>;

export function toFailedJobView(f: FailedJob) {
  return {
    id: f.id,
    queue: f.queue,
    jobType: f.jobType,
    payload: f.payload as unknown,
    error: f.error,
    attempts: f.attempts,
    status: f.status,
    firstFailedAt: f.firstFailedAt.toISOString(),
    lastFailedAt: f.lastFailedAt.toISOString(),
    retriedAt: f.retriedAt?.toISOString() ?? null,
  };
}
export type FailedJobView = ReturnType<typeof toFailedJobView>;
