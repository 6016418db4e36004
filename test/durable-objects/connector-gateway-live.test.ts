import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { HubMessage } from "../../durable-objects/tenant-hub/events";
import { auditLogs, domainEvents } from "../../src/db/schema";
import type { Sample } from "../../src/protocol";
import { LIVE_POINTS } from "../../src/services/monitoring/ingest";
import { testDb } from "../support/db";
import { createCustomer, enrollAndHello, seedConnectorNetwork } from "./connector-seed";
import { eventually } from "./fake-connector";
import { HubClient, hubEvent, hubOf } from "./hub-client";

const BANDWIDTH = "monitoring.bandwidth";

async function readRows<T>(fn: (db: ReturnType<typeof testDb>["db"]) => Promise<T>): Promise<T> {
  const h = testDb("system");
  try {
    return await fn(h.db);
  } finally {
    await h.close();
  }
}

/** A whole minute an hour ago: inside the window the gateway stores (not older than the retention, not ahead). */
const BASE = Math.floor(Date.now() / 60_000) * 60_000 - 3_600_000;
const at = (second: number) => new Date(BASE + second * 1000).toISOString();

function sample(routerId: string, customerRef: string, seq: number, rx: number, rate: number): Sample {
  return {
    routerId,
    seq,
    ts: at(seq),
    customerRef,
    rxBytes: String(rx),
    txBytes: String(rx / 10),
    rxRateBps: rate,
    txRateBps: rate / 10,
  };
}

/** Sends a sentinel after everything else, and waits until every client has it: what came before is in. */
async function settle(tenantId: string, clients: HubClient[], action: string) {
  await hubOf(tenantId).broadcast(hubEvent(tenantId, "customer", { action }));
  for (const c of clients) await c.next((m) => m.event === `customer.${action}`);
}

const of = (c: HubClient, event: string) => c.messages().filter((m: HubMessage) => m.event === event);

describe("ConnectorGateway → TenantHub: live bandwidth", () => {
  it("sends one message per customer per stored batch, to subscribed sockets only; a resent batch sends none", async () => {
    const net = await seedConnectorNetwork();
    const tenantId = net.tenant.id;
    const { conn } = await enrollAndHello(net);
    const a = await createCustomer(net);
    const b = await createCustomer(net, { name: "Budi Santoso", phone: "081298765432" });
    const watchA = await HubClient.direct(tenantId, "viewer");
    const watchAll = await HubClient.direct(tenantId, "technician");
    const watchB = await HubClient.direct(tenantId, "operator");
    const idle = await HubClient.direct(tenantId, "admin");
    const subscribe = [
      [watchA, `monitoring:${a.id}`],
      [watchAll, "monitoring:*"],
      [watchB, `customer:${b.id}`],
    ] as const;
    for (const [client, topic] of subscribe) {
      client.send({ type: "subscribe", topics: [topic] });
      await client.next((m) => m.event === "subscribed");
    }
    const samples = [
      sample(net.routerId, a.id, 1, 1000, 8000),
      sample(net.routerId, b.id, 2, 50, 400),
      sample(net.routerId, a.id, 3, 3000, 24000),
      sample(net.routerId, a.id, 4, 2000, 16000),
      sample(net.routerId, b.id, 5, 70, 560),
      sample(net.routerId, crypto.randomUUID(), 6, 9990, 10), // not this tenant's customer: not stored
    ];
    conn.send({ type: "samples", batchId: "live-1", samples });
    await conn.next((m) => m.type === "ack" && m.batchId === "live-1");
    const all = [watchA, watchAll, watchB, idle];
    await settle(tenantId, all, "first");

    const [forA] = of(watchA, BANDWIDTH);
    expect(of(watchA, BANDWIDTH)).toHaveLength(1);
    expect(forA).toMatchObject({ entityId: a.id, timestamp: at(4) });
    expect(forA?.data).toEqual({
      customerId: a.id,
      samples: 3,
      rxBytes: 6000,
      txBytes: 600,
      from: at(1),
      to: at(4),
      rxRateBps: 16000,
      txRateBps: 1600,
      points: [
        { ts: at(1), rxRateBps: 8000, txRateBps: 800 },
        { ts: at(3), rxRateBps: 24000, txRateBps: 2400 },
        { ts: at(4), rxRateBps: 16000, txRateBps: 1600 },
      ],
    });
    expect(of(watchAll, BANDWIDTH).map((m) => m.entityId)).toEqual([a.id, b.id].sort());
    expect(of(watchB, BANDWIDTH).map((m) => [m.entityId, (m.data as { rxBytes: number }).rxBytes])).toEqual([
      [b.id, 120],
    ]);
    expect(of(idle, BANDWIDTH)).toEqual([]);
    // Live only: not kept for replay, so a reconnecting client is not flooded with samples.
    const late = await HubClient.direct(tenantId, "admin", undefined, 0);
    await settle(tenantId, [late], "late");
    expect(of(late, BANDWIDTH)).toEqual([]);

    // The connector resends after a lost ack: nothing new is stored, so nothing goes live.
    conn.send({ type: "samples", batchId: "live-1", samples });
    await conn.next((m) => m.type === "ack" && m.batchId === "live-1");
    await settle(tenantId, all, "second");
    expect([watchA, watchAll, watchB, idle].map((c) => of(c, BANDWIDTH).length)).toEqual([1, 2, 1, 0]);
    for (const c of [...all, late]) c.close();
    conn.close();
  });
});

describe("ConnectorGateway → TenantHub: a large batch", () => {
  it("still one message for the customer, with its totals and only the newest points", async () => {
    const net = await seedConnectorNetwork();
    const { conn } = await enrollAndHello(net);
    const a = await createCustomer(net);
    const watch = await HubClient.direct(net.tenant.id, "viewer");
    watch.send({ type: "subscribe", topics: [`monitoring:${a.id}`] });
    await watch.next((m) => m.event === "subscribed");
    const n = LIVE_POINTS + 5;
    const samples = Array.from({ length: n }, (_, i) => sample(net.routerId, a.id, i + 1, 100, 800 + i * 10));
    // The connector buffered a while offline: samples 1..n, sent newest first.
    conn.send({ type: "samples", batchId: "big", samples: samples.reverse() });
    await conn.next((m) => m.type === "ack" && m.batchId === "big");
    await settle(net.tenant.id, [watch], "sentinel");
    const messages = of(watch, BANDWIDTH);
    expect(messages).toHaveLength(1);
    const data = messages[0]?.data as { samples: number; rxBytes: number; rxRateBps: number; points: { ts: string }[] };
    expect(data).toMatchObject({ samples: n, rxBytes: 100 * n, rxRateBps: 800 + (n - 1) * 10 });
    expect(data.points.map((p) => p.ts)).toEqual(
      Array.from({ length: LIVE_POINTS }, (_, i) => sample(net.routerId, a.id, n - LIVE_POINTS + 1 + i, 0, 0).ts),
    );
    watch.close();
    conn.close();
  });
});

describe("ConnectorGateway → TenantHub: status changes", () => {
  it("records connector and router status changes (audit + outbox) and delivers them live by role", async () => {
    const net = await seedConnectorNetwork();
    const tenantId = net.tenant.id;
    const admin = await HubClient.direct(tenantId, "admin");
    const viewer = await HubClient.direct(tenantId, "viewer");
    const { conn } = await enrollAndHello(net);
    const connectorOnline = await admin.next((m) => m.event === "connector.status_change");
    expect(connectorOnline).toMatchObject({
      entityId: net.connectorId,
      data: { status: { old: "offline", new: "online" } }, // enrolled = offline until its hello
    });
    for (const c of [admin, viewer]) {
      const routerOnline = await c.next((m) => m.event === "router.status_change");
      expect(routerOnline).toMatchObject({
        entityId: net.routerId,
        data: { status: { old: "unknown", new: "online" } },
      });
    }

    conn.hello(net.connectorId, [{ routerId: net.routerId, reachable: false }]);
    for (const c of [admin, viewer]) {
      const offline = await c.next((m) => m.event === "router.status_change");
      expect(offline.data).toMatchObject({ status: { old: "online", new: "offline" }, lastSeen: expect.any(String) });
    }
    await admin.next((m) => m.event === "alert.create");
    conn.hello(net.connectorId, [{ routerId: net.routerId, reachable: true }]);
    const back = await viewer.next((m) => m.event === "router.status_change");
    expect(back.data).toMatchObject({ status: { old: "offline", new: "online" } });
    await settle(tenantId, [admin, viewer], "sentinel");
    // Connectors are admin-only (connectors:read): the viewer never got its status.
    expect(of(viewer, "connector.status_change")).toEqual([]);
    expect(of(viewer, "alert.create")).toHaveLength(1); // alerts:read: every role

    const events = await eventually(
      () =>
        readRows((db) =>
          db
            .select()
            .from(domainEvents)
            .where(and(eq(domainEvents.tenantId, tenantId), eq(domainEvents.entityId, net.routerId)))
            .orderBy(domainEvents.id),
        ),
      (rows) => rows.filter((r) => r.action === "status_change").every((r) => r.publishedAt !== null),
    );
    const changes = events.filter((r) => r.action === "status_change");
    expect(changes.map((r) => (r.data as { status: { new: string } }).status.new)).toEqual([
      "online",
      "offline",
      "online",
    ]);
    // Marked published by the gateway's delivery. (`emails_due` is not asserted here: it is left for the
    // email sweep, and another test file's cron run over the shared database may have swept it already;
    // test/cron/event-email-sweep.test.ts and test/queues/email-events.prop.test.ts cover it.)
    expect(changes.map((r) => r.publishedAt !== null)).toEqual([true, true, true]);
    const audits = await readRows((db) =>
      db
        .select({ action: auditLogs.action, actorType: auditLogs.actorType })
        .from(auditLogs)
        .where(and(eq(auditLogs.tenantId, tenantId), eq(auditLogs.entityId, net.routerId))),
    );
    expect(audits.filter((r) => r.action === "status_change")).toEqual(
      Array(3).fill({ action: "status_change", actorType: "system" }),
    );
    for (const c of [admin, viewer]) c.close();
    conn.close();
  });
});
