import { env } from "cloudflare:workers";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { EnvSchema } from "../../src/env";
import type { CloudMessage, Refused, Sample } from "../../src/protocol";
import { MIN_SAMPLES_PER_MINUTE, tenantSampleCap } from "../../src/services/monitoring/limits";
import { testDb } from "../support/db";
import { type ConnectorNetwork, createCustomer, enrollAndHello, seedConnectorNetwork } from "./connector-seed";
import { eventually, type FakeConnector } from "./fake-connector";

const RAW_DAYS = EnvSchema.parse(env).MONITORING_RAW_RETENTION_DAYS;
const MINUTE = 60_000;

async function withDb<T>(fn: (db: ReturnType<typeof testDb>["db"]) => Promise<T>): Promise<T> {
  const h = testDb("system");
  try {
    return await fn(h.db);
  } finally {
    await h.close();
  }
}

/** Samples of the connector stored with a seq in [from, to). */
const storedSeqs = (connectorId: string, from: number, to: number) =>
  withDb(async (db) => {
    const r = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from monitoring_samples
           where connector_id = ${connectorId} and sample_seq >= ${from} and sample_seq < ${to}`,
    );
    return r.rows[0]?.n ?? 0;
  });

const tenantCount = (tenantId: string) =>
  withDb(async (db) => {
    const r = await db.execute<{ rows: string }>(
      sql`select rows::text from monitoring_sample_counts where tenant_id = ${tenantId}`,
    );
    return Number(r.rows[0]?.rows ?? 0);
  });

/** `n` samples of one customer, seqs from `seq`, all at `ts`. */
function samples(
  net: ConnectorNetwork,
  customerId: string,
  seq: number,
  n: number,
  ts = Date.now() - MINUTE,
): Sample[] {
  return Array.from({ length: n }, (_, i) => ({
    routerId: net.routerId,
    seq: seq + i,
    ts: new Date(ts).toISOString(),
    customerRef: customerId,
    rxBytes: "1000",
    txBytes: "100",
    rxRateBps: 8000,
    txRateBps: 800,
  }));
}

const isRefused = (m: CloudMessage): m is Refused => m.type === "refused";
const refusedBatch = (conn: FakeConnector, batchId: string) =>
  conn.next((m): m is Refused => isRefused(m) && m.batchId === batchId, 10_000);
const ackOf = (conn: FakeConnector, batchId: string) =>
  conn.next((m) => m.type === "ack" && m.batchId === batchId, 10_000);

async function connected() {
  const net = await seedConnectorNetwork();
  const { conn } = await enrollAndHello(net);
  const customer = await createCustomer(net);
  return { net, conn, customer };
}

describe("ConnectorGateway: the upload budget", () => {
  it("refuses a batch larger than the connector's per-minute budget, stores nothing of it and sends no ack", async () => {
    const { net, conn, customer } = await connected();
    // One customer: the budget is the floor. One sample more than that can never be taken.
    conn.send({ type: "samples", batchId: "huge", samples: samples(net, customer.id, 1, MIN_SAMPLES_PER_MINUTE + 1) });
    const refused = await refusedBatch(conn, "huge");
    expect(refused).toMatchObject({ code: "too_large", frame: "samples", retryable: false });
    expect(refused.message).toContain(String(MIN_SAMPLES_PER_MINUTE));
    expect(await storedSeqs(net.connectorId, 1, MIN_SAMPLES_PER_MINUTE + 2)).toBe(0);
    expect(conn.received.some((m) => m.type === "ack")).toBe(false);
    conn.close();
  });

  it("takes samples up to the per-minute budget and refuses the rest with the time to wait", async () => {
    const { net, conn, customer } = await connected();
    const half = Math.ceil(MIN_SAMPLES_PER_MINUTE * 0.6);
    conn.send({ type: "samples", batchId: "first", samples: samples(net, customer.id, 1, half) });
    await ackOf(conn, "first");
    conn.send({ type: "samples", batchId: "second", samples: samples(net, customer.id, 1 + half, half) });
    const refused = await refusedBatch(conn, "second");
    expect(refused).toMatchObject({ code: "sample_budget", retryable: true });
    // About 20 % of a minute's budget is missing: it refills in about 12 s.
    expect(refused.retryAfterMs).toBeGreaterThan(5_000);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(MINUTE);
    expect(await storedSeqs(net.connectorId, 1, 1 + half)).toBe(half);
    expect(await storedSeqs(net.connectorId, 1 + half, 1 + 2 * half)).toBe(0);
    conn.close();
  });

  it("refuses a batch with a sample more than 5 minutes ahead or older than the retention; one just inside is stored", async () => {
    const { net, conn, customer } = await connected();
    const now = Date.now();
    const future = [...samples(net, customer.id, 1, 2), ...samples(net, customer.id, 3, 1, now + 10 * MINUTE)];
    conn.send({ type: "samples", batchId: "future", samples: future });
    expect(await refusedBatch(conn, "future")).toMatchObject({ code: "timestamp_range", retryable: false });
    const old = samples(net, customer.id, 10, 2, now - (RAW_DAYS * 24 * 60 + 1) * MINUTE);
    conn.send({ type: "samples", batchId: "old", samples: old });
    expect(await refusedBatch(conn, "old")).toMatchObject({ code: "timestamp_range", retryable: false });
    const year2999 = samples(net, customer.id, 20, 1, Date.UTC(2999, 0, 1));
    conn.send({ type: "samples", batchId: "y2999", samples: year2999 });
    expect((await refusedBatch(conn, "y2999")).message).toContain("2999-01-01");
    expect(await storedSeqs(net.connectorId, 1, 30)).toBe(0);

    conn.send({ type: "samples", batchId: "edge", samples: samples(net, customer.id, 30, 1, now + 4 * MINUTE) });
    await ackOf(conn, "edge");
    expect(await storedSeqs(net.connectorId, 30, 31)).toBe(1);
    conn.close();
  });

  it("refuses frames beyond the frames-per-second budget; a samples frame refused so stores nothing", async () => {
    const { net, conn, customer } = await connected();
    // Not the exact heartbeat text, so the object wakes for each (the runtime answers only the exact text).
    for (let i = 0; i < 300; i++) conn.ws.send('{ "type": "heartbeat" }');
    conn.send({ type: "samples", batchId: "flood", samples: samples(net, customer.id, 1, 3) });
    const refused = await conn.next(isRefused, 10_000);
    expect(refused).toMatchObject({ code: "frame_rate", frame: "heartbeat", retryable: true });
    expect(refused.retryAfterMs).toBeGreaterThan(0);
    expect(await refusedBatch(conn, "flood")).toMatchObject({ code: "frame_rate", frame: "samples" });
    expect(await storedSeqs(net.connectorId, 1, 4)).toBe(0);
    conn.close();
  });

  it("rate-limits hello: beyond six a minute it is refused and not acted on", async () => {
    const net = await seedConnectorNetwork();
    const { conn } = await enrollAndHello(net); // the first hello
    const versions = Array.from({ length: 10 }, (_, i) => `v-${i + 1}`);
    for (const version of versions) {
      conn.send({ type: "hello", protocol: 1, connectorId: net.connectorId, version, routers: [] });
    }
    // Five more fit the burst of six (a seventh only if the test took over 10 s); the rest are refused.
    const refusals = await eventually(
      async () => conn.received.filter(isRefused),
      (r) => r.length >= 4,
    );
    expect(refusals.length).toBeGreaterThanOrEqual(4);
    expect(refusals[0]).toMatchObject({ code: "hello_rate", frame: "hello", retryable: true });
    expect(refusals[0]?.retryAfterMs).toBeGreaterThan(0);
    expect(refusals[0]?.retryAfterMs).toBeLessThanOrEqual(10_000);
    // A refused hello is not acted on: the version recorded (once the accepted hellos' writes have
    // landed, which under load can be after the refusals arrive) is one of an accepted hello.
    const version = await eventually(
      () =>
        withDb(async (db) => {
          const r = await db.execute<{ version: string }>(
            sql`select version from connectors where id = ${net.connectorId}`,
          );
          return r.rows[0]?.version;
        }),
      (v) => v !== undefined && versions.includes(v),
      20_000,
    );
    expect(versions.slice(0, 10 - refusals.length)).toContain(version);
    expect(conn.received.filter((m) => m.type === "config")).toHaveLength(1);
    conn.close();
  });

  it("keeps a count of raw samples per tenant and refuses a batch that would pass the tenant's cap", async () => {
    const { net, conn, customer } = await connected();
    conn.send({ type: "samples", batchId: "counted", samples: samples(net, customer.id, 1, 3) });
    await ackOf(conn, "counted");
    expect(await tenantCount(net.tenant.id)).toBe(3);
    await withDb((db) =>
      db.execute(sql`delete from monitoring_samples where connector_id = ${net.connectorId} and sample_seq = 1`),
    );
    expect(await tenantCount(net.tenant.id)).toBe(2);

    const cap = tenantSampleCap(1, RAW_DAYS);
    await withDb((db) =>
      db.execute(sql`update monitoring_sample_counts set rows = ${cap - 1} where tenant_id = ${net.tenant.id}`),
    );
    conn.send({ type: "samples", batchId: "over", samples: samples(net, customer.id, 10, 2) });
    const refused = await refusedBatch(conn, "over");
    expect(refused).toMatchObject({ code: "tenant_cap", retryable: true });
    expect(refused.retryAfterMs).toBeGreaterThan(0);
    expect(await storedSeqs(net.connectorId, 10, 12)).toBe(0);
    expect(await tenantCount(net.tenant.id)).toBe(cap - 1);
    // One more fits exactly.
    conn.send({ type: "samples", batchId: "last", samples: samples(net, customer.id, 20, 1) });
    await ackOf(conn, "last");
    expect(
      await eventually(
        () => tenantCount(net.tenant.id),
        (n) => n === cap,
      ),
    ).toBe(cap);
    conn.close();
  });
});
