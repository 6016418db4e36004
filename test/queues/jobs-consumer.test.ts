import { createExecutionContext, createMessageBatch, env, getQueueResult } from "cloudflare:test";
import { and, eq, isNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failedJobs, jobs } from "../../src/db/schema";
import worker from "../../src/index";
import { consumeBatch } from "../../src/queues/consumer";
import { JOB_HANDLERS } from "../../src/queues/handlers";
import type { JobHandler, JobHandlers } from "../../src/queues/handlers/types";
import type { TenantInfo } from "../../src/services/context";
import { insertTenant, purgeTenant } from "../support/billing-seed";
import { fakeMessage, testJobDeps } from "../support/jobs";

let t: ReturnType<typeof testJobDeps>;
let tenant: TenantInfo;

beforeAll(async () => {
  t = testJobDeps();
  tenant = await insertTenant(t.deps.dbs.system());
});
afterAll(async () => {
  await purgeTenant(t.deps.dbs.system(), tenant.id);
  await t.close();
});

/**
 * The real handlers with `backup.run` swapped for a controllable tracked one that counts its runs
 * and reports progress (the consumer's claim, progress and retry logic is what is under test here).
 */
function countingHandlers(behaviour: { fail?: boolean; delayMs?: number; maxAttempts?: number } = {}) {
  const runs: string[] = [];
  const handler: JobHandler<"backup.run"> = {
    maxAttempts: behaviour.maxAttempts ?? 3,
    tracked: true,
    async run({ job }, msg) {
      runs.push(msg.idempotencyKey);
      await job?.progress(50, { step: "half" });
      if (behaviour.delayMs) await new Promise((r) => setTimeout(r, behaviour.delayMs));
      if (behaviour.fail) throw new Error("storage unreachable");
      if (job) job.result = { backupId: msg.backupId, trigger: msg.trigger };
      return undefined;
    },
  };
  const handlers: JobHandlers = { ...JOB_HANDLERS, "backup.run": handler };
  return { runs, handlers };
}

const BACKUP_ID = "3f6c1e2a-9b7d-4c1e-8a43-2f0d6c1b7e55";

/** A `backup.run` message; `trigger` is left out, so the schema's default (`scheduled`) must apply. */
const backup = (key: string) => ({
  type: "backup.run",
  tenantId: tenant.id,
  backupId: BACKUP_ID,
  idempotencyKey: key,
});

const jobRow = async (key: string) =>
  (
    await t.deps.dbs
      .system()
      .select()
      .from(jobs)
      .where(and(eq(jobs.tenantId, tenant.id), eq(jobs.idempotencyKey, key)))
  )[0];

describe("jobs consumer", () => {
  it("records an unparseable message as failed and acks it", async () => {
    const marker = crypto.randomUUID();
    const m = fakeMessage({ type: "email.send", marker });
    await consumeBatch({ queue: "jobs", messages: [m], ackAll: () => {} } as never, t.deps);
    expect(m.acked).toBe(true);
    const rows = await t.deps.dbs
      .system()
      .select()
      .from(failedJobs)
      .where(and(isNull(failedJobs.tenantId), sql`${failedJobs.payload}->>'marker' = ${marker}`));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.error).toMatch(/invalid message/);
    expect(rows[0]?.jobType).toBe("email.send");
  });

  it("acks a message of a tenant that no longer exists, without running anything", async () => {
    const { runs, handlers } = countingHandlers();
    const m = fakeMessage({ ...backup("gone"), tenantId: crypto.randomUUID() });
    await consumeBatch({ queue: "jobs", messages: [m] } as never, t.deps, handlers);
    expect(m.acked).toBe(true);
    expect(runs).toEqual([]);
  });

  it("runs a tracked job once however often it is delivered, recording progress and result", async () => {
    const { runs, handlers } = countingHandlers();
    const key = `once-${crypto.randomUUID()}`;
    const first = fakeMessage(backup(key));
    const again = fakeMessage(backup(key), 2);
    await consumeBatch({ queue: "jobs", messages: [first] } as never, t.deps, handlers);
    await consumeBatch({ queue: "jobs", messages: [again] } as never, t.deps, handlers);
    expect(runs).toEqual([key]);
    expect(first.acked && again.acked).toBe(true);
    const row = await jobRow(key);
    expect(row).toMatchObject({
      status: "succeeded",
      progress: 100,
      result: { backupId: BACKUP_ID, trigger: "scheduled" },
    });
    const progress = t.published.filter((e) => e.type === "job.progress" && e.entityId === row?.id);
    expect(progress.map((e) => (e.data as { progress: number }).progress)).toEqual([50]);
  });

  it("lets only one of two concurrent deliveries run; the other is retried later", async () => {
    const { runs, handlers } = countingHandlers({ delayMs: 300 });
    const key = `dup-${crypto.randomUUID()}`;
    const a = fakeMessage(backup(key));
    const b = fakeMessage(backup(key));
    await Promise.all([
      consumeBatch({ queue: "jobs", messages: [a] } as never, t.deps, handlers),
      new Promise((r) => setTimeout(r, 50)).then(() =>
        consumeBatch({ queue: "jobs", messages: [b] } as never, t.deps, handlers),
      ),
    ]);
    expect(runs).toEqual([key]);
    expect(a.acked).toBe(true);
    expect(b.acked).toBe(false);
    expect(b.retried?.delaySeconds).toBe(30);
  });

  it("retries a failing job with exponential backoff, then dead-letters it at its last attempt", async () => {
    const { handlers } = countingHandlers({ fail: true, maxAttempts: 3 });
    const key = `fail-${crypto.randomUUID()}`;
    const delays: (number | undefined)[] = [];
    for (const attempts of [1, 2]) {
      const m = fakeMessage(backup(key), attempts);
      await consumeBatch({ queue: "jobs", messages: [m] } as never, t.deps, handlers);
      expect(m.acked).toBe(false);
      delays.push(m.retried?.delaySeconds);
      expect(await jobRow(key)).toMatchObject({ status: "queued", error: "storage unreachable" });
    }
    expect(delays).toEqual([30, 60]);
    const last = fakeMessage(backup(key), 3);
    await consumeBatch({ queue: "jobs", messages: [last] } as never, t.deps, handlers);
    expect(last.acked).toBe(true);
    expect(await jobRow(key)).toMatchObject({ status: "failed", error: "storage unreachable" });
    const dead = await t.deps.dbs
      .system()
      .select()
      .from(failedJobs)
      .where(and(eq(failedJobs.tenantId, tenant.id), sql`${failedJobs.payload}->>'idempotencyKey' = ${key}`));
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({
      jobType: "backup.run",
      error: "storage unreachable",
      attempts: 3,
      status: "failed",
    });
  });

  it("the Worker's queue handler gives every message an explicit ack or retry", async () => {
    const ctx = createExecutionContext();
    const goneKey = `gone-${crypto.randomUUID()}`;
    const marker = crypto.randomUUID();
    const batch = createMessageBatch<unknown>("jobs", [
      { id: "garbage-1", timestamp: new Date(), attempts: 1, body: "not a job" },
      // Well-formed, of a real type, but its tenant was deleted meanwhile: dropped, not dead-lettered.
      {
        id: "tenant-gone",
        timestamp: new Date(),
        attempts: 1,
        body: { ...backup(goneKey), tenantId: crypto.randomUUID() },
      },
      // An object of a type this Worker does not carry (e.g. one retired since it was enqueued).
      {
        id: "unknown-type",
        timestamp: new Date(),
        attempts: 1,
        body: { type: "report.generate", tenantId: tenant.id, idempotencyKey: marker, marker },
      },
    ]);
    await worker.queue(batch, env as never, ctx);
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks.sort()).toEqual(["garbage-1", "tenant-gone", "unknown-type"]);
    expect(result.retryMessages).toEqual([]);

    const db = t.deps.dbs.system();
    const recorded = (key: string) =>
      db.select().from(failedJobs).where(sql`${failedJobs.payload}->>'idempotencyKey' = ${key}`);
    expect(await recorded(goneKey)).toEqual([]);
    const unknown = await recorded(marker);
    expect(unknown).toHaveLength(1);
    expect(unknown[0]).toMatchObject({ tenantId: null, jobType: "report.generate", attempts: 1, status: "failed" });
    expect(unknown[0]?.error).toMatch(/^invalid message: type: /);
    await db.delete(failedJobs).where(eq(failedJobs.id, unknown[0]?.id as string));
  });
});
