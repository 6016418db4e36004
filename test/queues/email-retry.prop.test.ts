import { fc, test } from "@fast-check/vitest";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failedJobs, notifications } from "../../src/db/schema";
import { backoffSeconds } from "../../src/queues/backoff";
import { consumeBatch } from "../../src/queues/consumer";
import type { ServiceContext, TenantInfo } from "../../src/services/context";
import { EMAIL_BACKOFF, EMAIL_MAX_ATTEMPTS } from "../../src/services/email/deliver";
import { queueEmails } from "../../src/services/email/queue-emails";
import type { Mailer } from "../../src/services/email/send";
import { insertTenant, purgeTenant } from "../support/billing-seed";
import { fakeMessage, mailTo, recordingQueue, testJobDeps } from "../support/jobs";

let t: ReturnType<typeof testJobDeps>;
let tenant: TenantInfo;
let ctx: ServiceContext;

beforeAll(async () => {
  t = testJobDeps();
  tenant = await insertTenant(t.deps.dbs.system());
  ctx = { tenant, actor: { type: "system", job: "test" }, db: t.deps.dbs.app() };
});
afterAll(async () => {
  await purgeTenant(t.deps.dbs.system(), tenant.id);
  await t.close();
});

const overdueData = { customerName: "Siti", invoiceNumber: "INV-1", amount: 150_000, dueDate: "2026-11-15" };

/** Queues one email and returns its `email.send` message and notification id. */
async function oneEmail(to: string) {
  const queue = recordingQueue();
  const { notificationIds } = await queueEmails(ctx, queue, [
    { template: "payment_overdue", to, data: overdueData, key: `test:${crypto.randomUUID()}` },
  ]);
  const message = queue.sent[0]?.message;
  if (!message || !notificationIds[0]) throw new Error("nothing queued");
  return { message, id: notificationIds[0] };
}

const row = async (id: string) =>
  (await t.deps.dbs.system().select().from(notifications).where(eq(notifications.id, id)))[0];

/**
 * Delivers `message` the way Queues would: again after every retry (attempt + 1), until it is acked.
 * Returns the retry delays the consumer asked for.
 */
async function deliverUntilAcked(message: unknown, deps = t.deps) {
  const delays: (number | undefined)[] = [];
  for (let attempts = 1; attempts <= 10; attempts++) {
    const m = fakeMessage(message, attempts);
    await consumeBatch({ queue: "jobs", messages: [m] } as never, deps);
    if (m.acked) return delays;
    delays.push(m.retried?.delaySeconds);
  }
  throw new Error("never acked");
}

describe("email retries", () => {
  // Property 60: Email Retry on Failure
  test.prop([fc.array(fc.boolean(), { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 2 })], { numRuns: 100 })(
    "a failing send is retried with backoff up to 3 attempts in all, then the email is failed; a sent one is never resent",
    async (failures, redeliveries) => {
      let sends = 0;
      const mailer: Mailer = {
        send: async () => {
          const fail = failures[sends] ?? false;
          sends += 1;
          if (fail) throw Object.assign(new Error("451 4.3.0 Try again later"), { responseCode: 451 });
          return { messageId: `<m${sends}@test>` };
        },
      };
      const deps = { ...t.deps, mailer };
      const { message, id } = await oneEmail(`p60-${crypto.randomUUID()}@example.test`);
      const delays = await deliverUntilAcked(message, deps);
      for (let i = 0; i < redeliveries; i++) await deliverUntilAcked(message, deps);

      const firstSuccess = failures.indexOf(false) === -1 ? failures.length : failures.indexOf(false);
      const expectedSends = Math.min(firstSuccess + 1, EMAIL_MAX_ATTEMPTS);
      expect(sends).toBe(expectedSends);
      expect(delays).toEqual(Array.from({ length: expectedSends - 1 }, (_, i) => backoffSeconds(i + 1, EMAIL_BACKOFF)));
      const after = await row(id);
      if (firstSuccess < EMAIL_MAX_ATTEMPTS) {
        expect(after).toMatchObject({ status: "sent", attempts: firstSuccess + 1, messageId: `<m${sends}@test>` });
      } else {
        expect(after).toMatchObject({ status: "failed", attempts: EMAIL_MAX_ATTEMPTS });
        expect(after?.lastError).toMatch(/451/);
        const dead = await t.deps.dbs
          .system()
          .select()
          .from(failedJobs)
          .where(and(eq(failedJobs.tenantId, tenant.id), sql`${failedJobs.payload}->>'notificationId' = ${id}`));
        expect(dead).toHaveLength(1);
        expect(dead[0]).toMatchObject({ jobType: "email.send", attempts: EMAIL_MAX_ATTEMPTS, status: "failed" });
      }
    },
  );

  it("against a real SMTP server answering 451: three attempts, 30 s and 60 s apart, then failed", async () => {
    const to = `reject-451-${crypto.randomUUID()}@example.test`;
    const { message, id } = await oneEmail(to);
    const delays = await deliverUntilAcked(message);
    expect(delays).toEqual([30, 60]);
    const after = await row(id);
    expect(after).toMatchObject({ status: "failed", attempts: 3, sentAt: null });
    expect(after?.lastError).toMatch(/^451/);
    expect(await mailTo(to)).toEqual([]);
  });

  it("against a real SMTP server: sent once, with the rendered subject and message id logged", async () => {
    const to = `ok-${crypto.randomUUID()}@example.test`;
    const { message, id } = await oneEmail(to);
    expect(await deliverUntilAcked(message)).toEqual([]);
    await deliverUntilAcked(message);
    const mail = await mailTo(to);
    expect(mail).toHaveLength(1);
    expect(mail[0]?.subject).toBe("Tagihan INV-1 telah jatuh tempo");
    expect(mail[0]?.html).toContain("Rp 150.000");
    expect(await row(id)).toMatchObject({ status: "sent", attempts: 1, subject: "Tagihan INV-1 telah jatuh tempo" });
  });
});
