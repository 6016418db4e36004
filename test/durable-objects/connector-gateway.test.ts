import { runInDurableObject } from "cloudflare:test";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { ConnectorGateway } from "../../durable-objects/connector-gateway";
import { connectors, customers, mikrotikRouters } from "../../src/db/schema";
import { CLOSE_CODES, credentialToken, HEARTBEAT_TEXT } from "../../src/protocol";
import { testDb } from "../support/db";
import { createCustomer, enrollAndHello, okData, seedConnectorNetwork } from "./connector-seed";
import { eventually, FakeConnector, gatewayOf } from "./fake-connector";

async function readRow<T>(fn: (db: ReturnType<typeof testDb>["db"]) => Promise<T>): Promise<T> {
  const h = testDb("system");
  try {
    return await fn(h.db);
  } finally {
    await h.close();
  }
}

const customerRow = (id: string) =>
  readRow(async (db) => (await db.select().from(customers).where(eq(customers.id, id)))[0]);

describe("ConnectorGateway: connect and enroll", () => {
  it("enrolls once with the token, then connects with <id>.<secret>; a newer socket replaces the older (4002)", async () => {
    const net = await seedConnectorNetwork();
    const { conn, secret } = await enrollAndHello(net);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const row = await readRow(
      async (db) => (await db.select().from(connectors).where(eq(connectors.id, net.connectorId)))[0],
    );
    expect(row?.enrollmentTokenHash).toBeNull();
    expect(row?.secretHash).not.toContain(secret);
    expect(row?.status).toBe("online");
    expect(row?.version).toBe("0.1.0-test");

    const reuse = await FakeConnector.connect(net.enrollmentToken);
    expect(reuse.res.status).toBe(401);

    const second = await FakeConnector.connect(credentialToken(net.connectorId, secret));
    expect(second.res.status).toBe(101);
    const closed = await conn.closed;
    expect(closed.code).toBe(CLOSE_CODES.replaced);
    second.conn?.close();
  });

  it("a check connect (?check=1) gets the config and a normal close; the live socket stays; enrollment tokens are refused", async () => {
    const net = await seedConnectorNetwork();
    const early = await FakeConnector.connect(net.enrollmentToken, "?check=1");
    expect(early.res.status).toBe(401); // a check never spends the enrollment token…
    const { conn, secret } = await enrollAndHello(net); // …so enrolling still works
    const check = await FakeConnector.connect(credentialToken(net.connectorId, secret), "?check=1");
    expect(check.res.status).toBe(101);
    const config = await check.conn?.next((m) => m.type === "config");
    expect(config).toMatchObject({ routers: [{ routerId: net.routerId, password: "router-pass-1" }], devices: [] });
    expect((await check.conn?.closed)?.code).toBe(1000);
    conn.hello(net.connectorId); // the live socket still works: no 4002, it is still the gateway's
    expect(await gatewayOf(net.connectorId).status()).toMatchObject({ connected: true });
    expect((await FakeConnector.connect(credentialToken(net.connectorId, "x".repeat(43)), "?check=1")).res.status).toBe(
      401,
    );
    conn.close();
    expect((await conn.closed).code).toBe(1000);
  });

  it("refuses a wrong secret and a malformed token with 401 before the gateway is touched", async () => {
    const net = await seedConnectorNetwork();
    const wrong = await FakeConnector.connect(credentialToken(net.connectorId, "x".repeat(43)));
    expect(wrong.res.status).toBe(401);
    expect((await FakeConnector.connect("not a token")).res.status).toBe(401);
    expect(await gatewayOf(net.connectorId).status()).toMatchObject({ connected: false, queued: 0 });
  });

  it("answers the heartbeat text without waking the object, and sends the router list with the password", async () => {
    const net = await seedConnectorNetwork();
    const { conn } = await FakeConnector.connect(net.enrollmentToken);
    if (!conn) throw new Error("no socket");
    await conn.next((m) => m.type === "enrolled");
    conn.ws.send(HEARTBEAT_TEXT);
    await eventually(
      async () => conn.raw.includes(HEARTBEAT_TEXT),
      (v) => v,
    );
    conn.hello(net.connectorId);
    const config = await conn.next((m) => m.type === "config");
    expect(config).toMatchObject({
      routers: [
        { routerId: net.routerId, host: "10.0.0.1", port: 8728, username: "rtrw-api", password: "router-pass-1" },
      ],
    });
    // A second hello (the connector answers every config with one) brings no second config.
    conn.hello(net.connectorId, [{ routerId: net.routerId, reachable: true, version: "7.18.2" }]);
    const router = await eventually(
      () =>
        readRow(async (db) => (await db.select().from(mikrotikRouters).where(eq(mikrotikRouters.id, net.routerId)))[0]),
      (r) => r?.status === "online",
    );
    expect(router).toMatchObject({ status: "online", routerosVersion: "7.18.2" });
    expect(conn.received.filter((m) => m.type === "config")).toHaveLength(1);
    conn.close();
  });

  it("revoking closes the live socket with 4001 and refuses the credential from then on", async () => {
    const net = await seedConnectorNetwork();
    const { conn, secret } = await enrollAndHello(net);
    await import("./fake-connector").then(({ must }) =>
      must(200, `/api/v1/connectors/${net.connectorId}/revoke`, { method: "POST", headers: net.admin }),
    );
    expect((await conn.closed).code).toBe(CLOSE_CODES.unauthorized);
    expect((await FakeConnector.connect(credentialToken(net.connectorId, secret))).res.status).toBe(401);
  });
});

describe("ConnectorGateway: the outbox", () => {
  it("provisions a new customer: ensureProfile then ensureSecret, one at a time; applied when both succeed", async () => {
    const net = await seedConnectorNetwork();
    const { conn } = await enrollAndHello(net);
    const customer = await createCustomer(net);
    const profile = await conn.nextCommand("ensureProfile");
    expect(profile).toMatchObject({
      routerId: net.routerId,
      args: { name: `rtrw-plan-${net.planId}`, rateLimit: "10M/20M" },
    });
    // One command in flight per router: the secret waits for the profile's result.
    expect(await gatewayOf(net.connectorId).status()).toMatchObject({ inFlight: 1, queued: 1 });
    conn.reply(profile, { data: okData(profile) });
    const secret = await conn.nextCommand("ensureSecret");
    expect(secret.args).toMatchObject({
      name: customer.pppoeUsername,
      password: "rahasia123",
      profile: `rtrw-plan-${net.planId}`,
      comment: customer.id,
      disabled: false,
    });
    expect((await customerRow(customer.id))?.provisioningState).toBe("pending");
    conn.reply(secret, { data: okData(secret) });
    const row = await eventually(
      () => customerRow(customer.id),
      (r) => r?.provisioningState === "applied",
    );
    expect(row).toMatchObject({ provisioningState: "applied", provisioningError: null });
    conn.close();
  });

  it("keeps a command through a retryable failure and a reconnect, and records one result", async () => {
    const net = await seedConnectorNetwork();
    const { conn, secret } = await enrollAndHello(net);
    const customer = await createCustomer(net);
    const first = await conn.nextCommand("ensureProfile");
    conn.reply(first, { error: { code: "connection", message: "router unreachable", retryable: true } });
    const waiting = await eventually(
      () => customerRow(customer.id),
      (r) => (r?.provisioningError ?? "").includes("router unreachable"),
    );
    expect(waiting?.provisioningState).toBe("pending");
    const status = await gatewayOf(net.connectorId).status();
    expect(status.routers[0]).toMatchObject({ routerId: net.routerId, failures: 1 });
    conn.close();
    await conn.closed;

    const { conn: again } = await FakeConnector.connect(credentialToken(net.connectorId, secret));
    if (!again) throw new Error("reconnect refused");
    again.hello(net.connectorId);
    const resent = await again.nextCommand("ensureProfile", 8000);
    expect(resent.id).toBe(first.id);
    again.reply(resent, { data: okData(resent) });
    again.reply(resent, { data: okData(resent) }); // a duplicate result is ignored
    const s = await again.nextCommand("ensureSecret");
    again.reply(s, { data: okData(s) });
    await eventually(
      () => customerRow(customer.id),
      (r) => r?.provisioningState === "applied",
    );
    const recent = (await gatewayOf(net.connectorId).status()).recent;
    expect(recent.filter((r) => r.commandId === first.id)).toHaveLength(1);
    again.close();
  });

  it("a failure that retrying cannot fix marks the customer failed with the reason and skips the rest", async () => {
    const net = await seedConnectorNetwork();
    const { conn } = await enrollAndHello(net);
    const customer = await createCustomer(net);
    const profile = await conn.nextCommand("ensureProfile");
    conn.reply(profile, {
      error: { code: "trap", message: "input does not match any value of remote-address", retryable: false },
    });
    const row = await eventually(
      () => customerRow(customer.id),
      (r) => r?.provisioningState === "failed",
    );
    expect(row?.provisioningError).toContain("remote-address");
    await runInDurableObject(gatewayOf(net.connectorId), async (instance: ConnectorGateway) => {
      expect((await instance.status()).queued + (await instance.status()).inFlight).toBe(0);
    });
    conn.close();
  });

  it("stores a samples batch once (a resend adds nothing) and acks each copy", async () => {
    const net = await seedConnectorNetwork();
    const { conn } = await enrollAndHello(net);
    const customer = await createCustomer(net);
    const batch = {
      type: "samples" as const,
      batchId: "b1",
      samples: [0, 1, 2].map((i) => ({
        routerId: net.routerId,
        seq: 100 + i,
        ts: new Date(Date.now() - (3 - i) * 1000).toISOString(),
        customerRef: customer.id,
        rxBytes: "1000",
        txBytes: "200",
        rxRateBps: 8000,
        txRateBps: 1600,
      })),
    };
    conn.send(batch);
    await conn.next((m) => m.type === "ack" && m.batchId === "b1");
    conn.send(batch);
    await conn.next((m) => m.type === "ack" && m.batchId === "b1");
    const stored = await readRow((db) =>
      db.execute<{ n: number; rx: number }>(
        sql`select count(*)::int as n, sum(rx_bytes)::int as rx from monitoring_samples where customer_id = ${customer.id}`,
      ),
    );
    expect(stored.rows[0]).toEqual({ n: 3, rx: 3000 });
    conn.close();
  });
});
