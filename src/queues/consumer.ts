import type { Bindings } from "../env";
import { createJobDeps, type JobDeps } from "./deps";
import { consumeDeadLetters } from "./dlq-consumer";
import { JOB_HANDLERS } from "./handlers";
import type { JobHandlers } from "./handlers/types";
import { consumeJobs } from "./jobs-consumer";
import { JOBS_DLQ, JOBS_QUEUE } from "./messages";

/** The Worker's `queue` handler: one named consumer per queue. */
export async function handleQueue(batch: MessageBatch<unknown>, env: Bindings, ctx: ExecutionContext): Promise<void> {
  const deps = createJobDeps(env, { queue: batch.queue, batchSize: batch.messages.length });
  try {
    await consumeBatch(batch, deps);
  } finally {
    deps.mailer.close?.();
    ctx.waitUntil(deps.dbs.closeAll());
  }
}

/** Dispatch by queue name; exported so tests can run a batch with their own deps (fake mailer, queue). */
export async function consumeBatch(
  batch: Pick<MessageBatch<unknown>, "queue" | "messages" | "ackAll">,
  deps: JobDeps,
  handlers: JobHandlers = JOB_HANDLERS,
): Promise<void> {
  switch (batch.queue) {
    case JOBS_QUEUE:
      return consumeJobs(batch.messages, deps, handlers);
    case JOBS_DLQ:
      return consumeDeadLetters(batch.messages, deps);
    default:
      // wrangler.toml binds no other queue; acking keeps a misconfiguration from looping forever.
      deps.log.error("batch from an unknown queue; acked", { queue: batch.queue, size: batch.messages.length });
      batch.ackAll();
  }
}
