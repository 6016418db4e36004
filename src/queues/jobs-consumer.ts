import { describeError } from "../services/email/deliver";
import { eventCollector } from "../services/events/publisher";
import { backoffSeconds } from "./backoff";
import type { JobDeps } from "./deps";
import { recordFailedJob } from "./failed-jobs";
import type { JobHandler, JobHandlers, TrackedJob } from "./handlers/types";
import { jobServiceContext, loadTenant } from "./job-context";
import { claimJob, finishJob, trackedJob } from "./job-runs";
import { JOBS_QUEUE, type JobMessage, JobMessageSchema } from "./messages";
import { afterError, type Disposition, fromOutcome, JOB_BACKOFF, JOBS_MAX_RETRIES } from "./policy";

/** The part of a queue `Message` the consumer uses (so tests can pass plain objects too). */
export interface IncomingMessage {
  id: string;
  attempts: number;
  body: unknown;
  ack(): void;
  retry(opts?: { delaySeconds?: number }): void;
}

/** How many tenants' messages of one batch run side by side. */
export const JOB_LANES = 4;

/**
 * Consumes a batch of the `jobs` queue: every message ends in exactly one explicit `ack()` or
 * `retry({ delaySeconds })`. A message that cannot be parsed, or that used up its attempts, is
 * recorded in `failed_jobs` and acked (dead-lettered here, so the record carries the real error);
 * if even that write fails, the message is retried. One tenant's messages run one at a time, in
 * order; different tenants' run side by side (up to `JOB_LANES` at once), so one tenant's slow job
 * — its mail server stalling until the mailer's deadline — does not hold up the others' email.
 */
export async function consumeJobs(messages: readonly IncomingMessage[], deps: JobDeps, handlers: JobHandlers) {
  const lanes = new Map<string, IncomingMessage[]>();
  for (const message of messages) {
    const key = laneOf(message);
    lanes.set(key, [...(lanes.get(key) ?? []), message]);
  }
  const queue = [...lanes.values()];
  const worker = async () => {
    for (let lane = queue.shift(); lane; lane = queue.shift()) {
      for (const message of lane) await consumeOne(message, deps, handlers);
    }
  };
  await Promise.all(Array.from({ length: Math.min(JOB_LANES, queue.length) }, worker));
}

/** The message's tenant, read before parsing (an unparseable message runs alone). */
function laneOf(message: IncomingMessage): string {
  const tenantId = (message.body as { tenantId?: unknown } | null)?.tenantId;
  return typeof tenantId === "string" ? `tenant:${tenantId}` : `message:${message.id}`;
}

async function consumeOne(message: IncomingMessage, deps: JobDeps, handlers: JobHandlers) {
  const { disposition, parsed } = await processJobMessage(message, deps, handlers).catch((err) => ({
    // Infrastructure (database down, tenant lookup): retried like a failing handler, up to Queues' limit.
    disposition: afterError(message.attempts, JOBS_MAX_RETRIES, describeError(err)),
    parsed: undefined,
  }));
  await settle(message, disposition, parsed, deps);
}

async function settle(message: IncomingMessage, d: Disposition, known: JobMessage | undefined, deps: JobDeps) {
  if (d.kind === "ack") return message.ack();
  if (d.kind === "retry") return message.retry({ delaySeconds: d.delaySeconds });
  const parsed = known ?? JobMessageSchema.safeParse(message.body).data;
  try {
    const body = message.body as { type?: unknown } | null;
    await recordFailedJob(deps.dbs.system(), {
      tenantId: parsed?.tenantId ?? null,
      queue: JOBS_QUEUE,
      jobType: parsed?.type ?? (typeof body?.type === "string" ? body.type.slice(0, 64) : "unknown"),
      payload: message.body,
      error: d.error,
      attempts: d.attempts,
    });
    deps.log.warn("job dead-lettered", { messageId: message.id, type: parsed?.type, error: d.error });
    message.ack();
  } catch (err) {
    deps.log.error("could not record a dead letter; retrying the message", { messageId: message.id, err });
    message.retry({ delaySeconds: backoffSeconds(message.attempts, JOB_BACKOFF) });
  }
}

/** Decides one message's fate; never acks or retries itself. Exported for tests. */
export async function processJobMessage(
  message: IncomingMessage,
  deps: JobDeps,
  handlers: JobHandlers,
): Promise<{ disposition: Disposition; parsed?: JobMessage }> {
  const result = JobMessageSchema.safeParse(message.body);
  if (!result.success) {
    const fields = result.error.issues.map((i) => `${i.path.join(".") || "(body)"}: ${i.message}`).join("; ");
    return { disposition: { kind: "dead-letter", error: `invalid message: ${fields}`, attempts: message.attempts } };
  }
  const msg = result.data;
  const tenant = await loadTenant(deps, msg.tenantId);
  if (!tenant) {
    deps.log.warn("job for a tenant that no longer exists; dropped", { messageId: message.id, type: msg.type });
    return { disposition: { kind: "ack" }, parsed: msg };
  }
  // The registry is keyed by type, so the handler matches `msg` even though TS cannot see it through the union.
  const handler = handlers[msg.type] as unknown as JobHandler;
  const events = eventCollector();
  const ctx = jobServiceContext(deps, tenant, msg.type, message.id, events);

  let job: TrackedJob | undefined;
  if (handler.tracked) {
    const claim = await claimJob(ctx, { type: msg.type, idempotencyKey: msg.idempotencyKey, jobId: jobIdOf(msg) });
    if (claim.kind === "done" || claim.kind === "failed") return { disposition: { kind: "ack" }, parsed: msg };
    if (claim.kind === "busy") {
      return {
        disposition: { kind: "retry", delaySeconds: backoffSeconds(message.attempts, JOB_BACKOFF) },
        parsed: msg,
      };
    }
    job = trackedJob(ctx, deps.publisher, claim.jobId, msg.type);
  }

  let disposition: Disposition;
  try {
    const outcome = await handler.run({ ctx, deps, attempts: message.attempts, job }, msg);
    disposition = fromOutcome(outcome, message.attempts);
  } catch (err) {
    disposition = afterError(message.attempts, handler.maxAttempts, describeError(err));
    deps.log.warn("job attempt failed", { messageId: message.id, type: msg.type, attempts: message.attempts, err });
  }
  if (job) await finishJob(ctx, job.id, jobEnd(disposition, job.result));
  const committed = events.drain();
  if (committed.length)
    await deps.publisher.publish(committed).catch((err) => deps.log.warn("publish failed", { err }));
  return { disposition, parsed: msg };
}

function jobIdOf(msg: JobMessage): string | undefined {
  return "jobId" in msg ? msg.jobId : undefined;
}

function jobEnd(d: Disposition, result: unknown): Parameters<typeof finishJob>[2] {
  if (d.kind === "ack") return { status: "succeeded", result };
  if (d.kind === "retry") return { status: "queued", error: d.error ?? "retrying" };
  return { status: "failed", error: d.error };
}
