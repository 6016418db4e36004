import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { failedJobs } from "../db/schema";

export interface DeadLetter {
  /** Null when the message named no valid tenant (garbage): only the platform sees those. */
  tenantId: string | null;
  queue: string;
  jobType: string;
  payload: unknown;
  error: string;
  attempts: number;
}

/**
 * Records a message that will not be retried any more in `failed_jobs`, where operators list and
 * retry it (`/api/v1/jobs/failed`). Written through the privileged handle: dead letters are the
 * platform's bookkeeping and some have no tenant. The same message dead-lettered twice (a
 * redelivery, the consumer and the DLQ both seeing it) updates its open row instead of adding one;
 * an advisory lock on its key makes that check-then-write safe under concurrency.
 */
export async function recordFailedJob(db: Db, letter: DeadLetter): Promise<string> {
  const key = idempotencyKeyOf(letter.payload);
  const payload = toJson(letter.payload);
  const error = letter.error.slice(0, 4000) || "unknown error";
  const attempts = Math.max(0, Math.floor(letter.attempts));
  return db.transaction(async (tx) => {
    const tenantCond = letter.tenantId ? eq(failedJobs.tenantId, letter.tenantId) : isNull(failedJobs.tenantId);
    if (key) {
      await tx.execute(
        sql`select pg_advisory_xact_lock(hashtextextended(${`failed-job:${letter.tenantId}:${key}`}, 0))`,
      );
      const [open] = await tx
        .update(failedJobs)
        .set({ error, attempts, lastFailedAt: sql`now()`, payload })
        .where(and(tenantCond, eq(failedJobs.status, "failed"), sql`${failedJobs.payload}->>'idempotencyKey' = ${key}`))
        .returning({ id: failedJobs.id });
      if (open) return open.id;
    }
    const [row] = await tx
      .insert(failedJobs)
      .values({ tenantId: letter.tenantId, queue: letter.queue, jobType: letter.jobType, payload, error, attempts })
      .returning({ id: failedJobs.id });
    if (!row) throw new Error("failed_jobs insert returned nothing");
    return row.id;
  });
}

function idempotencyKeyOf(payload: unknown): string | undefined {
  const key = (payload as { idempotencyKey?: unknown } | null)?.idempotencyKey;
  return typeof key === "string" && key.length > 0 ? key : undefined;
}

/** jsonb needs JSON: anything else (a string body, bytes) is kept as its text. */
function toJson(payload: unknown): unknown {
  if (payload && typeof payload === "object" && !ArrayBuffer.isView(payload) && !(payload instanceof ArrayBuffer)) {
    try {
      return JSON.parse(JSON.stringify(payload));
    } catch {
      return { raw: String(payload) };
    }
  }
  if (payload instanceof ArrayBuffer || ArrayBuffer.isView(payload)) return { raw: "(binary message body)" };
  return { raw: payload === undefined ? null : payload };
}
