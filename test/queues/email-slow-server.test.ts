import { env } from "cloudflare:test";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notifications, tenantSmtpSettings } from "../../src/db/schema";
import { consumeBatch } from "../../src/queues/consumer";
import type { ServiceContext, TenantInfo } from "../../src/services/context";
import { EMAIL_SEND_LEASE_MS } from "../../src/services/email/deliver";
import { queueEmails } from "../../src/services/email/queue-emails";
import { smtpMailer } from "../../src/services/email/send";
import { insertTenant, purgeTenant } from "../support/billing-seed";
import { fakeMessage, mailTo, recordingQueue, testJobDeps, waitForMail } from "../support/jobs";

/**
 * One tenant's own mail server stalls (the local sink never answers MAIL FROM from a `stall…`
 * sender); another tenant's email in the same batch goes out at once, while the stalled send holds
 * no transaction or row lock, and the stalled one ends at the mailer's deadline (small here) and is
 * retried later.
 */

const DEADLINE_MS = 3_000;
let t: ReturnType<typeof testJobDeps>;
let slow: TenantInfo;
let fast: TenantInfo;

beforeAll(async () => {
  const timeouts = { connectMs: 2_000, greetingMs: 2_000, socketMs: 20_000, deadlineMs: DEADLINE_MS };
  t = testJobDeps({ mailer: smtpMailer({ clientName: "rtrwnet.test", timeouts }) });
  const system = t.deps.dbs.system();
  slow = await insertTenant(system);
  fast = await insertTenant(system);
  const sink = new URL((env as unknown as { SMTP_URL: string }).SMTP_URL);
  await system.insert(tenantSmtpSettings).values({
    tenantId: slow.id,
    host: sink.hostname,
    port: Number(sink.port),
    secureMode: "none",
    fromAddress: "stall@slow-isp.test",
    delivery: "direct",
  });
});
afterAll(async () => {
  await purgeTenant(t.deps.dbs.system(), slow.id);
  await purgeTenant(t.deps.dbs.system(), fast.id);
  await t.close();
});

async function oneEmail(tenant: TenantInfo, to: string) {
  const ctx: ServiceContext = { tenant, actor: { type: "system", job: "test" }, db: t.deps.dbs.app() };
  const queue = recordingQueue();
  const data = { customerName: "Siti", invoiceNumber: "INV-1", amount: 150_000, dueDate: "2026-11-15" };
  const { notificationIds } = await queueEmails(ctx, queue, [
    { template: "payment_overdue", to, data, key: `test:${crypto.randomUUID()}` },
  ]);
  const message = queue.sent[0]?.message;
  if (!message || !notificationIds[0]) throw new Error("nothing queued");
  return { message, id: notificationIds[0] };
}

const row = async (id: string) =>
  (await t.deps.dbs.system().select().from(notifications).where(eq(notifications.id, id)))[0];

/** Whether some open transaction holds the row's lock (the stalled send must not). */
const rowLocked = (id: string) =>
  t.deps.dbs.system().transaction(async (tx) => {
    const r = await tx.execute(sql`select id from notifications where id = ${id} for update skip locked`);
    return r.rows.length === 0;
  });

describe("email: a stalling tenant mail server", () => {
  it("holds up neither another tenant's email nor a transaction; it ends at the deadline and is retried", async () => {
    const a = await oneEmail(slow, `slow-${crypto.randomUUID()}@pelanggan.test`);
    const bTo = `fast-${crypto.randomUUID()}@pelanggan.test`;
    const b = await oneEmail(fast, bTo);
    const slowMessage = fakeMessage(a.message);
    const fastMessage = fakeMessage(b.message);
    const started = Date.now();
    let finished = false;
    const batch = consumeBatch({ queue: "jobs", messages: [slowMessage, fastMessage] } as never, t.deps).finally(() => {
      finished = true;
    });

    const arrived = await waitForMail(bTo, 1, DEADLINE_MS);
    expect(arrived, "the other tenant's email arrives while the stalled one is still being tried").toHaveLength(1);
    expect(finished).toBe(false);
    const inFlight = await row(a.id);
    expect(inFlight).toMatchObject({ status: "queued", attempts: 0 });
    expect(inFlight?.sendingUntil?.getTime()).toBeGreaterThan(started);
    expect(await rowLocked(a.id), "no transaction holds the row during the SMTP talk").toBe(false);

    // A duplicate delivery meanwhile sends nothing: it comes back once the claim has lapsed.
    const duplicate = fakeMessage(a.message, 2);
    await consumeBatch({ queue: "jobs", messages: [duplicate] } as never, t.deps);
    expect(duplicate.acked).toBe(false);
    expect(duplicate.retried?.delaySeconds).toBeGreaterThan(0);
    expect(duplicate.retried?.delaySeconds).toBeLessThanOrEqual(EMAIL_SEND_LEASE_MS / 1000);

    await batch;
    expect(Date.now() - started).toBeLessThan(DEADLINE_MS + 5_000);
    expect(fastMessage.acked).toBe(true);
    expect(slowMessage.acked).toBe(false);
    expect(slowMessage.retried?.delaySeconds).toBe(30);
    const after = await row(a.id);
    expect(after).toMatchObject({ status: "queued", attempts: 1, sendingUntil: null });
    expect(after?.lastError).toMatch(/did not take the email within 3 s/);
    expect(await mailTo(bTo)).toHaveLength(1);
    expect(await row(b.id)).toMatchObject({ status: "sent", attempts: 1, sendingUntil: null });
  });
});
