import type { ServiceContext } from "../../services/context";
import type { JobDeps } from "../deps";
import type { JobType, MessageOf } from "../messages";

/**
 * What a handler decides about its message. Returning nothing means done (ack). Throwing means a
 * transient failure: the consumer retries with backoff until the type's `maxAttempts`, then
 * dead-letters. `fail` dead-letters at once (retrying cannot help).
 */
export type JobOutcome =
  | { action: "ack"; note?: string }
  | { action: "retry"; delaySeconds: number; error: string }
  | { action: "fail"; error: string; attempts?: number };

/** A claimed row of `jobs` (long jobs): report progress as you go, 0–100. */
export interface TrackedJob {
  id: string;
  /** Updates `jobs.progress` and emits a `job.progress` event right away (the hub relays it). */
  progress(percent: number, detail?: Record<string, unknown>): Promise<void>;
  /** Stored in `jobs.result` when the handler returns. */
  result?: unknown;
}

export interface JobContext {
  /** The message's tenant, a `system` actor, the row-level-security handle, secrets, an event sink. */
  ctx: ServiceContext;
  deps: JobDeps;
  /** This delivery's attempt (1 = first). */
  attempts: number;
  /** Set for tracked handlers: the `jobs` row claimed for this message's idempotency key. */
  job?: TrackedJob;
}

export interface JobHandler<T extends JobType = JobType> {
  /** Deliveries before the consumer gives up and records the message in `failed_jobs`. */
  maxAttempts: number;
  /**
   * Long jobs are tracked: the consumer claims the message's key in `jobs` first (a finished key is
   * acked without running again) and records status, progress and result there.
   */
  tracked: boolean;
  run(job: JobContext, message: MessageOf<T>): Promise<JobOutcome | undefined>;
}

export type JobHandlers = { [T in JobType]: JobHandler<T> };
