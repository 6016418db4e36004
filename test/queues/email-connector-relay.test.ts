import { env } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectors, notifications, tenantSmtpSettings } from "../../src/db/schema";
import type { Bindings } from "../../src/env";
import { consumeBatch } from "../../src/queues/consumer";
import { gatewayClient } from "../../src/services/connectors/gateway";
import { type ServiceContext, type TenantInfo, withTenantTx } from "../../src/services/context";
import { queueEmails } from "../../src/services/email/queue-emails";
import { smtpMailer } from "../../src/services/email/send";
import { resolveTransport } from "../../src/services/email/transport";
import { insertTenant, purgeTenant } from "../support/billing-seed";
import { fakeMessage, recordingQueue, testJobDeps } from "../support/jobs";
import { seedConnector, testSecrets } from "../support/network-seed";

/**
 * Delivery "via connector" while no connector can take the email: the real consumer, mailer and
 * `ConnectorGateway` binding. Each attempt fails with a reason the delivery log shows and is retried
 * with backoff; the third marks it failed. (The relay itself: test/node/e2e-provisioning.test.ts.)
 */

let t: ReturnType<typeof testJobDeps>;
let tenant: TenantInfo;
let ctx: ServiceContext;

beforeAll(async () => {
  const gateway = gatewayClient((env as unknown as Bindings).CONNECTOR_GATEWAY);
  t = testJobDeps({ mailer: smtpMailer({ clientName: "rtrwnet.test", gateway }) });
  const system = t.deps.dbs.system();
  tenant = await insertTenant(system);
  ctx = { tenant, actor: { type: "system", job: "test" }, db: t.deps.dbs.app(), secrets: testSecrets() };
  await system.insert(tenantSmtpSettings).values({
    tenantId: tenant.id,
    host: "mail.isp.internal",
    port: 587,
    secureMode: "starttls",
    username: "billing@isp.test",
    passwordEnc: await testSecrets().encrypt("smtp-rahasia"),
    fromAddress: "billing@isp.test",
    delivery: "connector",
  });
});
afterAll(async () => {
  await purgeTenant(t.deps.dbs.system(), tenant.id);
  await t.close();
});

async function attempt(message: unknown, n: number) {
  const m = fakeMessage(message, n);
  await consumeBatch({ queue: "jobs", messages: [m] } as never, t.deps);
  return m;
}

describe("email via the connector, no connector available", () => {
  it("retries with backoff while no connector is enrolled or online, then marks the email failed", async () => {
    const queue = recordingQueue();
    const { notificationIds } = await queueEmails(ctx, queue, [
      {
        template: "payment_overdue",
        to: "siti@pelanggan.test",
        data: { customerName: "Siti", invoiceNumber: "INV-1", amount: 150_000, dueDate: "2026-11-15" },
        key: `test:${crypto.randomUUID()}`,
      },
    ]);
    const id = notificationIds[0] ?? "";
    const message = queue.sent[0]?.message;
    const row = async () => (await t.deps.dbs.system().select().from(notifications).where(eq(notifications.id, id)))[0];

    const first = await attempt(message, 1);
    expect(first.acked).toBe(false);
    expect(first.retried?.delaySeconds).toBeGreaterThan(0);
    expect(await row()).toMatchObject({ status: "queued", attempts: 1 });
    expect((await row())?.lastError).toContain("the tenant has no enrolled connector");

    // Enrolled and marked online in Postgres, but its gateway holds no socket: offline in fact.
    const connectorId = await seedConnector(t.deps.dbs.system(), tenant.id);
    await t.deps.dbs
      .system()
      .update(connectors)
      .set({ secretHash: "x", status: "online", lastSeen: new Date() })
      .where(eq(connectors.id, connectorId));
    const second = await attempt(message, 2);
    expect(second.retried?.delaySeconds).toBeGreaterThan(first.retried?.delaySeconds ?? 0);
    expect(await row()).toMatchObject({ status: "queued", attempts: 2 });
    expect((await row())?.lastError).toContain("no connector of the tenant is online");

    await attempt(message, 3);
    expect(await row()).toMatchObject({ status: "failed", attempts: 3, sentAt: null });
  });
});

describe("which connector relays a tenant's email", () => {
  it("the online ones in a fixed order, so a retry goes to the same one while it is online; then the offline ones, freshest first", async () => {
    const system = t.deps.dbs.system();
    const own = await insertTenant(system);
    try {
      const now = Date.now();
      const seen = (ago: number) => new Date(now - ago);
      const row = (name: string, status: "online" | "offline", ago: number, secretHash: string | null = "hash") => ({
        tenantId: own.id,
        name,
        status,
        lastSeen: seen(ago),
        secretHash,
      });
      const ids = Object.fromEntries(
        (
          await system
            .insert(connectors)
            .values([
              row("a", "online", 50_000),
              row("b", "online", 1_000),
              row("stale", "offline", 600_000),
              row("recent", "offline", 60_000),
              row("not enrolled", "online", 0, null),
            ])
            .returning({ id: connectors.id, name: connectors.name })
        ).map((r) => [r.name, r.id]),
      );
      await system.insert(tenantSmtpSettings).values({
        tenantId: own.id,
        host: "mail.isp.internal",
        port: 25,
        secureMode: "none",
        fromAddress: "noc@isp.test",
        delivery: "connector",
      });
      const ownCtx: ServiceContext = { ...ctx, tenant: own };
      const order = async () =>
        (await withTenantTx(ownCtx, (tx) => resolveTransport(tx, ownCtx, { SMTP_FROM: "x@y.test" }))).connectorIds;
      const online = [ids.a, ids.b].sort();
      expect(await order()).toEqual([...online, ids.recent, ids.stale]);
      // Heartbeats change last_seen all the time; the online ones keep their order.
      await system
        .update(connectors)
        .set({ lastSeen: new Date(now + 5_000) })
        .where(eq(connectors.id, online[1] as string));
      await system
        .update(connectors)
        .set({ lastSeen: seen(90_000) })
        .where(eq(connectors.id, online[0] as string));
      expect(await order()).toEqual([...online, ids.recent, ids.stale]);
    } finally {
      await purgeTenant(system, own.id);
    }
  });
});
