import { runDurableObjectAlarm } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { REPLAY_POLICY } from "../../durable-objects/tenant-hub/replay";
import { eventually, HubClient, hubEvent, hubOf, setHubClock } from "./hub-client";

describe("TenantHub replay (?since=)", () => {
  it("replays what a client missed, filtered by its role and user, then continues live", async () => {
    const tenant = crypto.randomUUID();
    const hub = hubOf(tenant);
    const first = await HubClient.direct(tenant, "technician", "t-1");
    await hub.broadcast(hubEvent(tenant, "ticket", { action: "create" }));
    const seen = await first.next((m) => m.event === "ticket.create");

    first.close();
    await first.closed;
    expect(await eventually(() => hub.connectionCount(), 0)).toBe(0);

    await hub.broadcast([
      hubEvent(tenant, "ticket", { action: "assign" }), // technicians read tickets
      hubEvent(tenant, "payment", { action: "create" }), // ...but not payments
      hubEvent(tenant, "monitoring", { action: "sample" }), // live only, never replayed
    ]);
    await hub.sendToUser("t-1", hubEvent(tenant, "job", { action: "progress" }));
    await hub.sendToUser("someone-else", hubEvent(tenant, "job", { action: "done" }));

    const again = await HubClient.direct(tenant, "technician", "t-1", seen.id);

    expect(await again.next((m) => m.event === "connected")).toMatchObject({ data: { lastEventId: 5 } });
    await again.next((m) => m.event === "job.progress");

    expect(again.messages().map((m) => [m.id, m.event])).toEqual([
      [5, "connected"],
      [2, "ticket.assign"],
      [4, "job.progress"],
    ]);
    await hub.broadcast(hubEvent(tenant, "ticket", { action: "close" }));
    expect(await again.next((m) => m.event === "ticket.close")).toMatchObject({ id: 6 });
  });

  it("sends nothing extra to a client that is up to date", async () => {
    const tenant = crypto.randomUUID();
    await hubOf(tenant).broadcast(hubEvent(tenant, "customer", { action: "create" }));
    const c = await HubClient.direct(tenant, "viewer", "v", 1);
    await hubOf(tenant).broadcast(hubEvent(tenant, "customer", { action: "sentinel" }));
    await c.next((m) => m.event === "customer.sentinel");
    expect(c.messages().map((m) => m.event)).toEqual(["connected", "customer.sentinel"]);
  });

  it(`answers replay_gap beyond the window (${REPLAY_POLICY.maxEvents} events) and for an id never handed out`, async () => {
    const tenant = crypto.randomUUID();
    const hub = hubOf(tenant);
    const burst = Array.from({ length: REPLAY_POLICY.maxEvents + 5 }, (_, i) =>
      hubEvent(tenant, "customer", { action: "update", data: { i } }),
    );
    await hub.broadcast(burst);
    expect(await hub.stats()).toMatchObject({ bufferedEvents: REPLAY_POLICY.maxEvents, lastEventId: 505 });

    const late = await HubClient.direct(tenant, "admin", "a", 2);
    expect(await late.next((m) => m.event === "replay_gap")).toMatchObject({
      id: 505,
      data: { since: 2, oldestAvailable: 6, latest: 505 },
    });
    const edge = await HubClient.direct(tenant, "admin", "a", 5);
    const replayed = await edge.next((m) => m.event === "customer.update");
    expect(replayed.id).toBe(6);

    const future = await HubClient.direct(tenant, "admin", "a", 9999);
    expect((await future.next((m) => m.event === "replay_gap")).data).toMatchObject({ since: 9999 });
  });

  it(`keeps events ${REPLAY_POLICY.maxAgeMs / 60_000} minutes: older ones are a replay_gap, and a quiet hub's alarm empties the buffer`, async () => {
    const tenant = crypto.randomUUID();
    const hub = hubOf(tenant);
    const t0 = Date.now();
    await setHubClock(tenant, t0);
    await hub.broadcast(hubEvent(tenant, "customer", { action: "old" }));
    await setHubClock(tenant, t0 + REPLAY_POLICY.maxAgeMs - 1); // still inside the window
    await hub.broadcast(hubEvent(tenant, "customer", { action: "recent" }));
    expect(await hub.stats()).toMatchObject({ bufferedEvents: 2, lastEventId: 2 });

    await setHubClock(tenant, t0 + REPLAY_POLICY.maxAgeMs + 1); // the first event's window is over
    await hub.broadcast(hubEvent(tenant, "customer", { action: "new" }));
    expect(await hub.stats()).toMatchObject({ bufferedEvents: 2, lastEventId: 3 });
    const late = await HubClient.direct(tenant, "admin", "a", 0);
    expect(await late.next((m) => m.event === "replay_gap")).toMatchObject({
      data: { since: 0, oldestAvailable: 2, latest: 3 },
    });
    const caughtUp = await HubClient.direct(tenant, "admin", "a", 1);
    expect((await caughtUp.next((m) => m.event === "customer.recent")).id).toBe(2);
    await caughtUp.next((m) => m.event === "customer.new");

    // Nothing more is broadcast: the alarm set for the oldest event's expiry trims the rest.
    await setHubClock(tenant, t0 + 3 * REPLAY_POLICY.maxAgeMs);
    expect(await runDurableObjectAlarm(hub)).toBe(true);
    expect(await hub.stats()).toMatchObject({ bufferedEvents: 0, lastEventId: 3 });
  });
});
