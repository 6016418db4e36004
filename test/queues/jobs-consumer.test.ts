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

/** A tracked `provision.apply` handler that counts its runs and reports progress. */
function countingHandlers(behaviour: { fail?: boolean; delayMs?: number; maxAttempts?: number } = {}) {
  const runs: string[] = [];
  const handler: JobHandler<"provision.apply"> = {
    maxAttempts: behaviour.maxAttempts ?? 3,
    tracked: true,
    async run({ job }, msg) {
      runs.push(msg.idempotencyKey);
      await job?.progress(50, { step: "half" });
      if (behaviour.delayMs) await new Promise((r) => setTimeout(r, behaviour.delayMs));
      if (behaviour.fail) throw new Error("router unreachable");
      if (job) job.result = { applied: msg.entityId };
      return undefined;
    },
  };
  const handlers: JobHandlers = { ...JOB_HANDLERS, "provision.apply": handler };
  return { runs, handlers };
}

const provision = (key: string) => ({
  type: "provision.apply",
  tenantId: tenant.id,
  entityType: "customer",
  entityId: "c-1",
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
    const m = fakeMessage({ ...provision("gone"), tenantId: crypto.randomUUID() });
    await consumeBatch({ queue: "jobs", messages: [m] } as never, t.deps, handlers);
    expect(m.acked).toBe(true);
    expect(runs).toEqual([]);
  });

  it("runs a tracked job once however often it is delivered, recording progress and result", async () => {
    const { runs, handlers } = countingHandlers();
    const key = `once-${crypto.randomUUID()}`;
    const first = fakeMessage(provision(key));
    const again = fakeMessage(provision(key), 2);
    await consumeBatch({ queue: "jobs", messages: [first] } as never, t.deps, handlers);
    await consumeBatch({ queue: "jobs", messages: [again] } as never, t.deps, handlers);
    expect(runs).toEqual([key]);
    expect(first.acked && again.acked).toBe(true);
    const row = await jobRow(key);
    expect(row).toMatchObject({ status: "succeeded", progress: 100, result: { applied: "c-1" } });
    const progress = t.published.filter((e) => e.type === "job.progress" && e.entityId === row?.id);
    expect(progress.map((e) => (e.data as { progress: number }).progress)).toEqual([50]);
  });

  it("lets only one of two concurrent deliveries run; the other is retried later", async () => {
    const { runs, handlers } = countingHandlers({ delayMs: 300 });
    const key = `dup-${crypto.randomUUID()}`;
    const a = fakeMessage(provision(key));
    const b = fakeMessage(provision(key));
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
      const m = fakeMessage(provision(key), attempts);
      await consumeBatch({ queue: "jobs", messages: [m] } as never, t.deps, handlers);
      expect(m.acked).toBe(false);
      delays.push(m.retried?.delaySeconds);
      expect(await jobRow(key)).toMatchObject({ status: "queued", error: "router unreachable" });
    }
    expect(delays).toEqual([30, 60]);
    const last = fakeMessage(provision(key), 3);
    await consumeBatch({ queue: "jobs", messages: [last] } as never, t.deps, handlers);
    expect(last.acked).toBe(true);
    expect(await jobRow(key)).toMatchObject({ status: "failed", error: "router unreachable" });
    const dead = await t.deps.dbs
      .system()
      .select()
      .from(failedJobs)
      .where(and(eq(failedJobs.tenantId, tenant.id), sql`${failedJobs.payload}->>'idempotencyKey' = ${key}`));
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({
      jobType: "provision.apply",
      error: "router unreachable",
      attempts: 3,
      status: "failed",
    });
  });

  it("the Worker's queue handler gives every message an explicit ack or retry", async () => {
    const ctx = createExecutionContext();
    const batch = createMessageBatch<unknown>("jobs", [
      { id: "garbage-1", timestamp: new Date(), attempts: 1, body: "not a job" },
      { id: "no-handler-yet", timestamp: new Date(), attempts: 1, body: provision(`x-${crypto.randomUUID()}`) },
    ]);
    await worker.queue(batch, env as never, ctx);
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks.sort()).toEqual(["garbage-1", "no-handler-yet"]);
    expect(result.retryMessages).toEqual([]);
  });
});
