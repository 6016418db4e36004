import { type BackoffOptions, backoffSeconds } from "./backoff";
import type { JobOutcome } from "./handlers/types";

/** Backoff of jobs other than email: 30 s, 1 min, 2 min, 4 min, 8 min … capped at 1 h. */
export const JOB_BACKOFF: BackoffOptions = { baseSeconds: 30, capSeconds: 3_600 };

/**
 * `max_retries` of the `jobs` consumer in wrangler.toml: Queues dead-letters after this many
 * retries (attempts = max_retries + 1). Every handler's `maxAttempts` stays at or below it, so the
 * consumer records its own dead letters; the DLQ only sees messages whose consumer kept crashing.
 */
export const JOBS_MAX_RETRIES = 6;

/** What the consumer does with one message. */
export type Disposition =
  | { kind: "ack" }
  | { kind: "retry"; delaySeconds: number; error?: string }
  | { kind: "dead-letter"; error: string; attempts: number };

/** A thrown error on delivery `attempts`: retry with backoff, or dead-letter once attempts are used up. */
export function afterError(attempts: number, maxAttempts: number, error: string, backoff = JOB_BACKOFF): Disposition {
  if (attempts >= maxAttempts) return { kind: "dead-letter", error, attempts };
  return { kind: "retry", delaySeconds: backoffSeconds(attempts, backoff), error };
}

/** A handler's own decision. */
export function fromOutcome(outcome: JobOutcome | undefined, attempts: number): Disposition {
  if (!outcome || outcome.action === "ack") return { kind: "ack" };
  if (outcome.action === "retry") return { kind: "retry", delaySeconds: outcome.delaySeconds, error: outcome.error };
  return { kind: "dead-letter", error: outcome.error, attempts: outcome.attempts ?? attempts };
}
