import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CRONS } from "../../src/cron/registry";
import { runCron } from "../../src/cron/scheduled";
import { domainEvents, notifications, payments } from "../../src/db/schema";
import { runMonthlyBilling } from "../../src/services/billing/monthly-billing";
import type { TenantInfo } from "../../src/services/context";
import { EVENT_EMAIL_RULES, emailsDueSql, eventSendsEmail } from "../../src/services/email/event-rules";
import { sweepEventEmails } from "../../src/services/email/from-events";
import { insertTenant, purgeTenant, seedCustomer, seedPlan } from "../support/billing-seed";
import { overdueEntryFor, recordingQueue, testJobDeps } from "../support/jobs";

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

const db = () => t.deps.dbs.system();

/** The tenant's payment events: whether each still has emails due. */
async function paymentEvents(action: string) {
  return db()
    .select({ entityId: domainEvents.entityId, emailsDue: domainEvents.emailsDue })
    .from(domainEvents)
    .where(
      and(
        eq(domainEvents.tenantId, tenant.id),
        eq(domainEvents.entityType, "payment"),
        eq(domainEvents.action, action),
      ),
    );
}

async function mailsTo(recipient: string) {
  return db()
    .select({ template: notifications.template })
    .from(notifications)
    .where(and(eq(notifications.tenantId, tenant.id), eq(notifications.recipient, recipient)));
}

describe("event email outbox", () => {
  it("queues the invoices of a billing run whose email step never ran, once, and only once they are old enough", async () => {
    const plan = await seedPlan(db(), tenant.id);
    const email = `billed-${crypto.randomUUID()}@example.test`;
    // Installed before November's due date: created today without one, it would wait for the next period.
    await seedCustomer(db(), tenant.id, plan.id, { email, installationDate: "2026-11-01" });
    // The invoices commit with their events; the email step that would follow is skipped, as when
    // it failed after the commit.
    const billed = await runMonthlyBilling(db(), new Date("2026-11-20T03:00:00Z"), { tenantId: tenant.id });
    expect(billed.created).toBe(1);
    expect((await paymentEvents("create")).map((e) => e.emailsDue)).toEqual([true]);

    const early = recordingQueue();
    const tooSoon = await sweepEventEmails(db(), early, new Date(Date.now() - 60_000), { tenantId: tenant.id });
    expect(tooSoon.created).toBe(0);
    expect(early.sent).toEqual([]);
    expect((await paymentEvents("create")).map((e) => e.emailsDue)).toEqual([true]);

    const sent: number[] = [];
    for (let run = 0; run < 2; run++) {
      const queue = recordingQueue();
      await sweepEventEmails(db(), queue, new Date(Date.now() + 1000), { tenantId: tenant.id });
      sent.push(queue.sent.filter((s) => s.message.type === "email.send").length);
    }
    expect(sent).toEqual([1, 0]);
    expect(await mailsTo(email)).toEqual([{ template: "invoice_issued" }]);
    expect((await paymentEvents("create")).map((e) => e.emailsDue)).toEqual([false]);
  });

  it("a cron entry's own email step clears the flag, so the sweep has nothing left to do", async () => {
    const plan = await seedPlan(db(), tenant.id);
    const email = `late-${crypto.randomUUID()}@example.test`;
    const c = await seedCustomer(db(), tenant.id, plan.id, { email });
    const [payment] = await db()
      .insert(payments)
      .values({
        tenantId: tenant.id,
        customerId: c.id,
        invoiceNumber: `INV-SWEEP-${crypto.randomUUID().slice(0, 8)}`,
        amount: 90_000,
        dueDate: "2026-10-10",
      })
      .returning({ id: payments.id });
    const overdue = overdueEntryFor(tenant.id);
    const [result] = await runCron(CRONS.hourly, new Date("2026-11-01T05:00:00Z"), t.deps, overdue);
    expect(result?.ok, result?.error).toBe(true);
    const mine = (await paymentEvents("status_change")).filter((e) => e.entityId === payment?.id);
    expect(mine).toEqual([{ entityId: payment?.id, emailsDue: false }]);
    expect(await mailsTo(email)).toEqual([{ template: "payment_overdue" }]);

    const queue = recordingQueue();
    const swept = await sweepEventEmails(db(), queue, new Date(Date.now() + 1000), { tenantId: tenant.id });
    expect(swept.created).toBe(0);
    expect(queue.sent).toEqual([]);
  });

  it("the SQL flag of the crons' statements agrees with the services' for every kind of event", async () => {
    const kinds = [
      ...EVENT_EMAIL_RULES.flatMap((r) => r.actions.map((a) => [r.entityType, a] as const)),
      ["payment", "update"],
      ["speed_boost", "expire"],
      ["customer", "plan_change"],
      ["ticket", "status_change"],
      ["device", "create"],
    ] as const;
    for (const [entity, action] of kinds) {
      const r = await db().execute<{ due: boolean }>(
        sql`select ${emailsDueSql(sql`${entity}::text`, sql`${action}::text`)} as due`,
      );
      expect([entity, action, r.rows[0]?.due]).toEqual([entity, action, eventSendsEmail(entity, action)]);
    }
    expect(eventSendsEmail("payment", "create")).toBe(true);
    expect(eventSendsEmail("speed_boost", "expire")).toBe(false);
  });
});
