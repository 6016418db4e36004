import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from "cloudflare:test";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CRON_ENTRIES, CRONS, type CronEntry } from "../../src/cron/registry";
import { runCron } from "../../src/cron/scheduled";
import { customers, jobs, notifications, payments, speedBoosts, tenants } from "../../src/db/schema";
import worker from "../../src/index";
import type { TenantInfo } from "../../src/services/context";
import wranglerToml from "../../wrangler.toml?raw";
import { insertTenant, purgeTenant, seedCustomer, seedPlan } from "../support/billing-seed";
import { overdueEntryFor, recordingQueue, testJobDeps } from "../support/jobs";

let t: ReturnType<typeof testJobDeps>;
let tenant: TenantInfo;
let inactive: TenantInfo;

beforeAll(async () => {
  t = testJobDeps();
  const db = t.deps.dbs.system();
  tenant = await insertTenant(db, { timezone: "Asia/Jayapura" });
  inactive = await insertTenant(db);
  await db.update(tenants).set({ isActive: false }).where(eq(tenants.id, inactive.id));
});
afterAll(async () => {
  for (const x of [tenant, inactive]) await purgeTenant(t.deps.dbs.system(), x.id);
  await t.close();
});

const entry = (name: string) => CRON_ENTRIES.filter((e) => e.name === name);

describe("cron dispatch", () => {
  it("wrangler.toml triggers exactly the registered expressions, and every one has a job", () => {
    const block = /crons\s*=\s*\[([\s\S]*?)\]/.exec(wranglerToml)?.[1] ?? "";
    const declared = [...block.matchAll(/"([^"]+)"/g)].map((m) => m[1]);
    expect(declared.sort()).toEqual(Object.values(CRONS).sort());
    for (const cron of Object.values(CRONS))
      expect(
        CRON_ENTRIES.some((e) => e.cron === cron),
        cron,
      ).toBe(true);
  });

  it("isolates entries: one that throws is reported, the next one still runs", async () => {
    let ran = 0;
    const entries: CronEntry[] = [
      { name: "boom", cron: CRONS.hourly, run: async () => Promise.reject(new Error("kaput")) },
      { name: "fine", cron: CRONS.hourly, run: async () => ({ done: ++ran }) },
      { name: "other", cron: CRONS.everyMinute, run: async () => ({ done: ++ran * 100 }) },
    ];
    const results = await runCron(CRONS.hourly, new Date(), t.deps, entries);
    expect(results.map((r) => [r.name, r.ok, r.error, r.counts])).toEqual([
      ["boom", false, "kaput", undefined],
      ["fine", true, undefined, { done: 1 }],
    ]);
  });

  it("daily backups: one job per active tenant and local day, and a second run enqueues nothing", async () => {
    const now = new Date("2026-11-25T19:30:00Z"); // 04:30 on the 26th in Jayapura
    const counts: number[] = [];
    for (let run = 0; run < 2; run++) {
      const queue = recordingQueue();
      const [r] = await runCron(CRONS.dailyBackups, now, { ...t.deps, queue }, entry("backups"));
      expect(r?.ok, r?.error).toBe(true);
      const mine = queue.sent.filter((s) => s.message.tenantId === tenant.id);
      counts.push(mine.length);
      expect(queue.sent.some((s) => s.message.tenantId === inactive.id)).toBe(false);
      if (run === 0) {
        expect(mine[0]?.message).toMatchObject({ type: "backup.run", idempotencyKey: "backup:scheduled:2026-11-26" });
      }
    }
    expect(counts).toEqual([1, 0]);
    const rows = await t.deps.dbs
      .system()
      .select()
      .from(jobs)
      .where(and(eq(jobs.tenantId, tenant.id), eq(jobs.type, "backup.run")));
    expect(rows.map((r) => [r.idempotencyKey, r.status])).toEqual([["backup:scheduled:2026-11-26", "queued"]]);
  });

  it("overdue run: emails the customer once; running it again changes nothing and sends nothing", async () => {
    const db = t.deps.dbs.system();
    const plan = await seedPlan(db, tenant.id);
    const email = `late-${crypto.randomUUID()}@example.test`;
    const c = await seedCustomer(db, tenant.id, plan.id, { email });
    const [payment] = await db
      .insert(payments)
      .values({
        tenantId: tenant.id,
        customerId: c.id,
        invoiceNumber: `INV-LATE-${crypto.randomUUID().slice(0, 8)}`,
        amount: 100_000,
        dueDate: "2026-10-15",
      })
      .returning();
    // Other test files run crons and write payments at the same time: count this tenant's effects only.
    const mine = async () => {
      const [p] = await db
        .select({ status: payments.status })
        .from(payments)
        .where(eq(payments.id, payment?.id ?? ""));
      const mails = await db
        .select({ id: notifications.id })
        .from(notifications)
        .where(and(eq(notifications.tenantId, tenant.id), eq(notifications.recipient, email)));
      return { status: p?.status, mails: mails.length };
    };
    const runs = [];
    for (let i = 0; i < 2; i++) {
      const queue = recordingQueue();
      // 14:00 in Jayapura: the pass handles a tenant from its isolirHour (10:00 by default).
      await runCron(CRONS.hourly, new Date("2026-11-01T05:00:00Z"), { ...t.deps, queue }, overdueEntryFor(tenant.id));
      const sent = queue.sent.filter((m) => m.message.tenantId === tenant.id).length;
      runs.push({ ...(await mine()), sent });
    }
    expect(runs).toEqual([
      { status: "overdue", mails: 1, sent: 1 },
      { status: "overdue", mails: 1, sent: 0 },
    ]);
  });

  it("the email outbox sweep re-enqueues a stuck notification once", async () => {
    const [n] = await t.deps.dbs
      .system()
      .insert(notifications)
      .values({
        tenantId: tenant.id,
        template: "payment_overdue",
        recipient: "stuck@example.test",
        updatedAt: sql`now() - interval '20 minutes'`,
      })
      .returning();
    const sent: string[] = [];
    for (let i = 0; i < 2; i++) {
      const queue = recordingQueue();
      await runCron(CRONS.every5Minutes, new Date(), { ...t.deps, queue }, entry("email-outbox-sweep"));
      sent.push(...queue.sent.map((s) => ("notificationId" in s.message ? s.message.notificationId : "")));
    }
    expect(sent.filter((id) => id === n?.id)).toHaveLength(1);
  });

  it("the Worker's scheduled handler expires a finished speed boost, once", async () => {
    const db = t.deps.dbs.system();
    const slow = await seedPlan(db, tenant.id, { downloadMbps: 10 });
    const fast = await seedPlan(db, tenant.id, { downloadMbps: 50 });
    const c = await seedCustomer(db, tenant.id, slow.id, { effectivePlanId: fast.id });
    const [boost] = await db
      .insert(speedBoosts)
      .values({
        tenantId: tenant.id,
        customerId: c.id,
        currentPlanId: slow.id,
        boostPlanId: fast.id,
        durationDays: 1,
        price: 5000,
        status: "active",
        startDate: new Date(Date.now() - 2 * 86_400_000),
        endDate: new Date(Date.now() - 86_400_000),
      })
      .returning();
    for (let i = 0; i < 2; i++) {
      const ctx = createExecutionContext();
      await worker.scheduled(
        createScheduledController({ cron: CRONS.every5Minutes, scheduledTime: Date.now() }),
        env as never,
        ctx,
      );
      await waitOnExecutionContext(ctx);
    }
    const [after] = await db
      .select()
      .from(speedBoosts)
      .where(eq(speedBoosts.id, boost?.id ?? ""));
    expect(after?.status).toBe("expired");
    const [cust] = await db.select().from(customers).where(eq(customers.id, c.id));
    expect(cust?.effectivePlanId).toBeNull();
    const events = await db.execute(
      sql`select count(*)::int as n from domain_events where entity_id = ${boost?.id ?? ""}`,
    );
    expect(Number(events.rows[0]?.n)).toBe(1);
  });
});
