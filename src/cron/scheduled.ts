import type { Bindings } from "../env";
import { createJobDeps, type JobDeps } from "../queues/deps";
import { describeError } from "../services/email/deliver";
import { eventsAfter, latestEventId, notifyForEvents } from "../services/email/from-events";
import { publishPendingEvents } from "../services/events/outbox-sweep";
import { CRON_ENTRIES, type CronCounts, type CronEntry } from "./registry";

export interface CronRunResult {
  name: string;
  ok: boolean;
  durationMs: number;
  counts?: CronCounts;
  /** Emails queued for the events the run wrote (overdue notices, invoices, …). */
  emails?: number;
  error?: string;
}

/** The Worker's `scheduled` handler: the entries of `controller.cron`, at `controller.scheduledTime`. */
export async function handleScheduled(controller: ScheduledController, env: Bindings, ctx: ExecutionContext) {
  const deps = createJobDeps(env, { cron: controller.cron });
  try {
    const results = await runCron(controller.cron, new Date(controller.scheduledTime), deps);
    // A failed entry fails the invocation (visible in the Cron Triggers dashboard); the others ran.
    const failed = results.filter((r) => !r.ok);
    if (failed.length) throw new Error(`cron entries failed: ${failed.map((r) => r.name).join(", ")}`);
  } finally {
    ctx.waitUntil(deps.dbs.closeAll());
  }
}

/**
 * Runs every entry registered for `cron`, one after another, each isolated: an entry that throws
 * is logged and reported, and the next one still runs. After each, the events it wrote (cron jobs
 * write to the outbox only) go to the email rules and to the tenants' hubs. One log line per entry
 * with its counts. Exported for tests (and a manual re-run).
 */
export async function runCron(
  cron: string,
  now: Date,
  deps: JobDeps,
  entries: CronEntry[] = CRON_ENTRIES,
): Promise<CronRunResult[]> {
  const due = entries.filter((e) => e.cron === cron);
  if (due.length === 0) deps.log.warn("no job registered for this cron", { cron });
  const results: CronRunResult[] = [];
  for (const entry of due) results.push(await runEntry(entry, now, deps));
  return results;
}

async function runEntry(entry: CronEntry, now: Date, deps: JobDeps): Promise<CronRunResult> {
  const started = Date.now();
  const result: CronRunResult = { name: entry.name, ok: true, durationMs: 0 };
  try {
    const system = deps.dbs.system();
    const mark = await latestEventId(system);
    result.counts = await entry.run(deps, now);
    result.emails = (await notifyForEvents(system, deps.queue, eventsAfter(mark))).created;
    await publishPendingEvents(system, deps.realtime, { afterId: mark });
  } catch (err) {
    result.ok = false;
    result.error = describeError(err);
  }
  result.durationMs = Date.now() - started;
  const fields = { job: entry.name, at: now.toISOString(), ...result };
  if (result.ok) deps.log.info("cron job done", fields);
  else deps.log.error("cron job failed", fields);
  return result;
}
