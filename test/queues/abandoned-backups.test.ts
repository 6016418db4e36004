import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CRON_ENTRIES } from "../../src/cron/registry";
import { alerts, backups, jobs, notifications } from "../../src/db/schema";
import { consumeBatch } from "../../src/queues/consumer";
import { createTestTenant, type TestTenant } from "../support/harness";
import { fakeMessage, testJobDeps } from "../support/jobs";

let t: ReturnType<typeof testJobDeps>;
let tenant: TestTenant & { remove(): Promise<void> };

beforeAll(async () => {
  t = testJobDeps();
  tenant = await createTestTenant({ keep: true });
});
afterAll(async () => {
  await tenant.remove();
  await t.close();
});

const db = () => t.deps.dbs.system();

async function seedRun(values: Partial<typeof backups.$inferInsert>): Promise<string> {
  const [row] = await db()
    .insert(backups)
    .values({ tenantId: tenant.id, status: "running", ...values })
    .returning({ id: backups.id });
  if (!row) throw new Error("no backup");
  return row.id;
}

const runOf = async (id: string) => (await db().select().from(backups).where(eq(backups.id, id)))[0];

/** Who was told: the admin emails queued, and the `backup.fail` events published to the hub. */
async function told(backupId: string) {
  const mails = await db()
    .select({ recipient: notifications.recipient })
    .from(notifications)
    .where(and(eq(notifications.tenantId, tenant.id), sql`${notifications.data}->>'backupId' = ${backupId}`));
  const events = t.published.filter((e) => e.type === "backup.fail" && e.entityId === backupId);
  return { recipients: mails.map((m) => m.recipient), events: events.length };
}

describe("a backup whose Worker died", () => {
  it("the daily backups cron fails runs running for over an hour, and tells the admins; newer runs stay", async () => {
    const entry = CRON_ENTRIES.find((e) => e.name === "backup-stale-runs");
    expect(entry?.cron).toBe(CRON_ENTRIES.find((e) => e.name === "backups")?.cron);
    const stale = await seedRun({ createdAt: new Date(Date.now() - 61 * 60_000) });
    const fresh = await seedRun({ createdAt: new Date(Date.now() - 5 * 60_000) });
    await entry?.run(t.deps, new Date());
    expect(await runOf(stale)).toMatchObject({ status: "failed", error: expect.stringMatching(/did not finish/) });
    expect((await runOf(fresh))?.status).toBe("running");
    expect(await told(stale)).toEqual({ recipients: [tenant.users.admin.email], events: 1 });
    const [alert] = await db()
      .select()
      .from(alerts)
      .where(and(eq(alerts.tenantId, tenant.id), eq(alerts.type, "backup_failed"), eq(alerts.status, "open")));
    expect(alert?.data).toMatchObject({ backupId: stale });
    // Safe to run twice: nobody is told again.
    await entry?.run(t.deps, new Date());
    expect(await told(stale)).toEqual({ recipients: [tenant.users.admin.email], events: 1 });
    await db().delete(backups).where(eq(backups.id, fresh));
  });

  it("the dead-letter consumer fails the API-started run its backup.run message names, with the job's error", async () => {
    const backupId = await seedRun({});
    const key = `backup:manual:${backupId}`;
    await db().insert(jobs).values({
      tenantId: tenant.id,
      type: "backup.run",
      status: "running",
      idempotencyKey: key,
      error: "CPU exceeded",
    });
    const body = { type: "backup.run", tenantId: tenant.id, backupId, trigger: "manual", idempotencyKey: key };
    const m = fakeMessage(body, 4);
    await consumeBatch({ queue: "jobs-dlq", messages: [m] } as never, t.deps);
    expect(m.acked).toBe(true);
    expect(await runOf(backupId)).toMatchObject({ status: "failed", error: "Error: CPU exceeded" });
    expect(await told(backupId)).toEqual({ recipients: [tenant.users.admin.email], events: 1 });
  });

  it("the dead-letter consumer leaves a run that succeeded as it is and tells nobody", async () => {
    const backupId = await seedRun({ status: "succeeded", completedAt: new Date() });
    const body = {
      type: "backup.run",
      tenantId: tenant.id,
      backupId,
      trigger: "manual",
      idempotencyKey: `backup:manual:${backupId}`,
    };
    const m = fakeMessage(body, 4);
    await consumeBatch({ queue: "jobs-dlq", messages: [m] } as never, t.deps);
    expect(m.acked).toBe(true);
    expect((await runOf(backupId))?.status).toBe("succeeded");
    expect(await told(backupId)).toEqual({ recipients: [], events: 0 });
  });
});
