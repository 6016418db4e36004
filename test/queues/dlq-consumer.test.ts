import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failedJobs, jobs, notifications } from "../../src/db/schema";
import { consumeBatch } from "../../src/queues/consumer";
import { JOBS_MAX_RETRIES } from "../../src/queues/policy";
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

const deadLetters = (key: string) =>
  t.deps.dbs
    .system()
    .select()
    .from(failedJobs)
    .where(and(eq(failedJobs.tenantId, tenant.id), sql`${failedJobs.payload}->>'idempotencyKey' = ${key}`));

const dlq = (...messages: ReturnType<typeof fakeMessage>[]) =>
  consumeBatch({ queue: "jobs-dlq", messages } as never, t.deps);

describe("dead-letter queue consumer", () => {
  it("records a job that exhausted its retries with its last error, once however often it arrives", async () => {
    const key = `dlq-${crypto.randomUUID()}`;
    const db = t.deps.dbs.system();
    await db.insert(jobs).values({
      tenantId: tenant.id,
      type: "backup.run",
      status: "running",
      idempotencyKey: key,
      error: "R2 timed out",
    });
    const body = { type: "backup.run", tenantId: tenant.id, trigger: "scheduled", idempotencyKey: key };
    const first = fakeMessage(body);
    const again = fakeMessage(body, 2);
    await dlq(first);
    await dlq(again);
    expect(first.acked && again.acked).toBe(true);
    const rows = await deadLetters(key);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      queue: "jobs",
      jobType: "backup.run",
      error: "R2 timed out",
      attempts: JOBS_MAX_RETRIES + 1,
      status: "failed",
      payload: body,
    });
    const [job] = await db
      .select()
      .from(jobs)
      .where(and(eq(jobs.tenantId, tenant.id), eq(jobs.idempotencyKey, key)));
    expect(job?.status).toBe("failed");
  });

  it("only acks a job that succeeded after all (a duplicate that kept retrying)", async () => {
    const key = `dlq-done-${crypto.randomUUID()}`;
    await t.deps.dbs
      .system()
      .insert(jobs)
      .values({ tenantId: tenant.id, type: "backup.run", status: "succeeded", idempotencyKey: key });
    const m = fakeMessage({ type: "backup.run", tenantId: tenant.id, trigger: "scheduled", idempotencyKey: key });
    await dlq(m);
    expect(m.acked).toBe(true);
    expect(await deadLetters(key)).toEqual([]);
  });

  it("marks a dead-lettered email failed, with its last SMTP error", async () => {
    const db = t.deps.dbs.system();
    const [n] = await db
      .insert(notifications)
      .values({ tenantId: tenant.id, template: "payment_overdue", recipient: "x@example.test", lastError: "421 busy" })
      .returning();
    if (!n) throw new Error("no notification");
    const key = `notification:${n.id}`;
    const m = fakeMessage({ type: "email.send", tenantId: tenant.id, notificationId: n.id, idempotencyKey: key });
    await dlq(m);
    expect(m.acked).toBe(true);
    expect((await deadLetters(key))[0]).toMatchObject({ jobType: "email.send", error: "421 busy" });
    const [after] = await db.select().from(notifications).where(eq(notifications.id, n.id));
    expect(after?.status).toBe("failed");
  });
});
