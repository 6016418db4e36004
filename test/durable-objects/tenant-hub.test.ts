import { evictDurableObject, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { TenantHub } from "../../durable-objects/tenant-hub";
import { identityHeaders } from "../../durable-objects/tenant-hub/connections";
import { eventually, HubClient, hubEvent, hubOf, setHubClock } from "./hub-client";

const newTenant = () => crypto.randomUUID();

describe("TenantHub (direct)", () => {
  it("greets a socket with its identity and the current position", async () => {
    const tenant = newTenant();
    const c = await HubClient.direct(tenant, "operator", "u-1");
    const hello = await c.next();
    expect(hello).toMatchObject({
      event: "connected",
      id: 0,
      data: { userId: "u-1", role: "operator", lastEventId: 0 },
    });
    expect(await hubOf(tenant).connectionCount()).toBe(1);
    c.close();
    expect(await eventually(() => hubOf(tenant).connectionCount(), 0)).toBe(0);
  });

  it("broadcasts { id, event, entityId, data, timestamp } to roles that may read the entity, without secrets", async () => {
    const tenant = newTenant();
    const admin = await HubClient.direct(tenant, "admin");
    const tech = await HubClient.direct(tenant, "technician");
    const e = hubEvent(tenant, "payment", {
      action: "create",
      data: { amount: 150000, password: "[redacted]", nested: [{ apiKey: "k", ok: true }], secretNote: "s" },
    });
    const result = await hubOf(tenant).broadcast(e);
    expect(result).toEqual({ delivered: 1, duplicates: 0, refused: 0 });
    const got = await admin.next((m) => m.event === "payment.create");
    expect(got).toEqual({
      id: 1,
      event: "payment.create",
      entityId: e.entityId,
      data: { amount: 150000, nested: [{ ok: true }] },
      timestamp: e.createdAt,
    });
    await hubOf(tenant).broadcast(hubEvent(tenant, "customer", { action: "sentinel" }));
    await tech.next((m) => m.event === "customer.sentinel");
    expect(tech.messages().map((m) => m.event)).toEqual(["connected", "customer.sentinel"]);
  });

  it("refuses a socket for another tenant's hub and an event of another tenant", async () => {
    const tenant = newTenant();
    const identity = { tenantId: newTenant(), userId: "u", role: "admin" as const, expiresAt: Date.now() + 60_000 };
    const res = await hubOf(tenant).fetch("https://hub/connect", {
      headers: { upgrade: "websocket", ...identityHeaders(identity) },
    });
    expect(res.status).toBe(403);
    const watcher = await HubClient.direct(tenant, "admin");
    expect(await hubOf(tenant).broadcast(hubEvent(newTenant(), "customer", { action: "foreign" }))).toEqual({
      delivered: 0,
      duplicates: 0,
      refused: 1,
    });
    await hubOf(tenant).broadcast(hubEvent(tenant, "customer", { action: "sentinel" }));
    await watcher.next((m) => m.event === "customer.sentinel");
    expect(watcher.messages().some((m) => m.event === "customer.foreign")).toBe(false);
    const noIdentity = await hubOf(tenant).fetch("https://hub/connect", { headers: { upgrade: "websocket" } });
    expect(noIdentity.status).toBe(400);
  });

  it("sends high-volume (monitoring) events only to subscribed sockets; other events to everyone allowed", async () => {
    const tenant = newTenant();
    const [customerA, customerB] = [crypto.randomUUID(), crypto.randomUUID()];
    const watcher = await HubClient.direct(tenant, "viewer");
    const idle = await HubClient.direct(tenant, "viewer");
    watcher.send({ type: "subscribe", topics: [`monitoring:${customerA}`] });
    expect(await watcher.next((m) => m.event === "subscribed")).toMatchObject({
      data: { topics: [`monitoring:${customerA}`], rejected: [] },
    });
    const hub = hubOf(tenant);
    await hub.broadcast([
      hubEvent(tenant, "monitoring", { action: "sample", entityId: customerB, data: { rx: 1 } }),
      hubEvent(tenant, "monitoring", { action: "sample", entityId: customerA, data: { rx: 2 } }),
      hubEvent(tenant, "customer", { action: "sentinel" }),
    ]);
    await watcher.next((m) => m.event === "customer.sentinel");
    await idle.next((m) => m.event === "customer.sentinel");
    expect(
      watcher
        .messages()
        .filter((m) => m.event === "monitoring.sample")
        .map((m) => m.data),
    ).toEqual([{ rx: 2 }]);
    expect(idle.messages().some((m) => m.event === "monitoring.sample")).toBe(false);
    // Live-only: samples take no sequence number and are not stored for replay.
    expect(await hub.stats()).toMatchObject({ bufferedEvents: 1, lastEventId: 1 });

    watcher.send({ type: "unsubscribe", topics: [`monitoring:${customerA}`] });
    await watcher.next((m) => m.event === "subscribed");
    await hub.broadcast([
      hubEvent(tenant, "monitoring", { action: "sample", entityId: customerA, data: { rx: 3 } }),
      hubEvent(tenant, "customer", { action: "sentinel" }),
    ]);
    await watcher.next((m) => m.event === "customer.sentinel");
    expect(watcher.messages().filter((m) => m.event === "monitoring.sample")).toHaveLength(1);
  });

  it("answers a malformed client message with an error message and keeps the socket", async () => {
    const tenant = newTenant();
    const c = await HubClient.direct(tenant, "admin");
    c.send("not json");
    expect((await c.next((m) => m.event === "error")).data).toEqual({ message: "message is not JSON" });
    c.send({ type: "subscribe", topics: ["<script>"] });
    expect((await c.next((m) => m.event === "error")).data).toMatchObject({
      message: expect.stringContaining("topic"),
    });
    expect(await hubOf(tenant).connectionCount()).toBe(1);
  });

  it("sendToUser reaches every socket of that user and nobody else, whatever the entity", async () => {
    const tenant = newTenant();
    const [a1, a2, other] = await Promise.all([
      HubClient.direct(tenant, "viewer", "user-a"),
      HubClient.direct(tenant, "viewer", "user-a"),
      HubClient.direct(tenant, "admin", "user-b"),
    ]);
    const res = await hubOf(tenant).sendToUser(
      "user-a",
      hubEvent(tenant, "job", { action: "progress", data: { pct: 40 } }),
    );
    expect(res.delivered).toBe(2);
    for (const c of [a1, a2]) expect((await c.next((m) => m.event === "job.progress")).data).toEqual({ pct: 40 });
    await hubOf(tenant).broadcast(hubEvent(tenant, "customer", { action: "sentinel" }));
    await other.next((m) => m.event === "customer.sentinel");
    expect(other.messages().some((m) => m.event === "job.progress")).toBe(false);
  });

  it("does not broadcast an outbox event twice (a redelivery within the window)", async () => {
    const tenant = newTenant();
    const c = await HubClient.direct(tenant, "admin");
    const e = hubEvent(tenant, "ticket", { id: 77, action: "create" });
    expect(await hubOf(tenant).broadcast(e)).toMatchObject({ delivered: 1, duplicates: 0 });
    expect(await hubOf(tenant).broadcast([e, e])).toMatchObject({ delivered: 0, duplicates: 2 });
    await hubOf(tenant).broadcast(hubEvent(tenant, "customer", { action: "sentinel" }));
    await c.next((m) => m.event === "customer.sentinel");
    expect(c.messages().filter((m) => m.event === "ticket.create")).toHaveLength(1);
  });

  it("answers the ping heartbeat without the object, and keeps identity across hibernation", async () => {
    const tenant = newTenant();
    const viewer = await HubClient.direct(tenant, "viewer", "v-1");
    const stub = hubOf(tenant);
    viewer.send({ type: "subscribe", topics: ["monitoring:*"] });
    await viewer.next((m) => m.event === "subscribed");
    await evictDurableObject(stub); // hibernates the socket: the instance is gone, the socket stays
    viewer.send("ping");
    await viewer.nextRaw("pong");
    const answeredAt = await runInDurableObject(stub, (_hub: TenantHub, state) =>
      state.getWebSocketAutoResponseTimestamp(state.getWebSockets()[0] as WebSocket),
    );
    expect(answeredAt).toBeInstanceOf(Date);
    // After the wake-up the socket still has its role and subscriptions (from the attachment).
    await stub.broadcast([
      hubEvent(tenant, "user", { action: "update" }), // users: admin only
      hubEvent(tenant, "monitoring", { action: "sample", data: { rx: 9 } }),
    ]);
    expect((await viewer.next((m) => m.event === "monitoring.sample")).data).toEqual({ rx: 9 });
    expect(viewer.messages().some((m) => m.event === "user.update")).toBe(false);
    expect(await stub.stats()).toMatchObject({ connections: 1, subscriptions: 1 });
  });

  it("closes a socket whose access token has expired instead of delivering to it (4001)", async () => {
    const tenant = newTenant();
    const t0 = Date.now();
    const expiring = await HubClient.direct(tenant, "admin", "a-1", undefined, t0 + 60_000);
    const fresh = await HubClient.direct(tenant, "admin", "a-2", undefined, t0 + 600_000);
    await setHubClock(tenant, t0 + 60_000); // the first token's exp: no longer valid
    expect(await hubOf(tenant).broadcast(hubEvent(tenant, "customer", { action: "late" }))).toMatchObject({
      delivered: 1,
    });
    expect((await expiring.closed).code).toBe(4001);
    expect(expiring.messages().some((m) => m.event === "customer.late")).toBe(false);
    await fresh.next((m) => m.event === "customer.late");
    expect(await eventually(() => hubOf(tenant).connectionCount(), 1)).toBe(1);
    // A message from a socket whose token expired since is not answered either: the socket is closed.
    await setHubClock(tenant, t0 + 600_000);
    fresh.send({ type: "subscribe", topics: ["monitoring:*"] });
    expect((await fresh.closed).code).toBe(4001);
    expect(fresh.messages().some((m) => m.event === "subscribed")).toBe(false);
  });
});
