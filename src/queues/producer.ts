import type { Bindings } from "../env";
import { MAX_DELAY_SECONDS } from "./backoff";
import { type JobMessage, type JobMessageInput, JobMessageSchema } from "./messages";

export interface EnqueueOptions {
  /** The spec's `PublishDelayed`: deliver no earlier than this many seconds from now (max 12 h). */
  delaySeconds?: number;
}

/**
 * Where jobs go: the `JOBS` queue binding in the Worker, a recording fake in tests. Services and
 * crons take this port instead of the binding, so they stay testable without a real queue.
 */
export interface JobQueue {
  send(message: JobMessageInput, opts?: EnqueueOptions): Promise<void>;
  sendBatch(messages: JobMessageInput[], opts?: EnqueueOptions): Promise<void>;
}

/** Queues accepts at most 100 messages per `sendBatch`. */
const BATCH_LIMIT = 100;

/** The `JOBS` binding as a `JobQueue`; a message is validated before it leaves, so garbage never enters. */
export function jobQueue(env: Bindings): JobQueue {
  const binding = env.JOBS;
  if (!binding || typeof binding.send !== "function") throw new Error("the JOBS queue binding is missing");
  return queueFromBinding(binding);
}

/** The `JOBS` binding if this Worker has one (a unit test's bare `app.request` does not). */
export function optionalJobQueue(env: Bindings | undefined): JobQueue | undefined {
  return env?.JOBS ? queueFromBinding(env.JOBS) : undefined;
}

export function queueFromBinding(binding: Queue<JobMessage>): JobQueue {
  return {
    send: async (message, opts) => {
      await binding.send(JobMessageSchema.parse(message), sendOptions(opts));
    },
    sendBatch: async (messages, opts) => {
      const parsed = messages.map((m) => ({ body: JobMessageSchema.parse(m), ...sendOptions(opts) }));
      for (let i = 0; i < parsed.length; i += BATCH_LIMIT) await binding.sendBatch(parsed.slice(i, i + BATCH_LIMIT));
    },
  };
}

/** `enqueue(env, message, { delaySeconds })`: one job onto the `jobs` queue. */
export function enqueue(env: Bindings, message: JobMessageInput, opts: EnqueueOptions = {}): Promise<void> {
  return jobQueue(env).send(message, opts);
}

function sendOptions(opts: EnqueueOptions | undefined): { delaySeconds?: number } {
  if (opts?.delaySeconds === undefined) return {};
  const delay = Math.floor(opts.delaySeconds);
  if (!(delay >= 0 && delay <= MAX_DELAY_SECONDS)) throw new RangeError(`delaySeconds must be 0..${MAX_DELAY_SECONDS}`);
  return { delaySeconds: delay };
}
