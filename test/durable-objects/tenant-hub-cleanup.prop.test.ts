import { runInDurableObject } from "cloudflare:test";
import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import type { TenantHub } from "../../durable-objects/tenant-hub";
import { ROLES } from "../../src/services/context";
import { eventually, HubClient, hubEvent, hubOf } from "./hub-client";

type Step =
  | { op: "connect"; role: (typeof ROLES)[number] }
  | { op: "subscribe"; at: number; topics: string[] }
  | { op: "disconnect"; at: number }
  | { op: "event" };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ op: fc.constant("connect" as const), role: fc.constantFrom(...ROLES) }),
  fc.record({
    op: fc.constant("subscribe" as const),
    at: fc.nat(),
    topics: fc.array(fc.constantFrom("monitoring:*", "customer:c-1", "monitoring:c-2"), { minLength: 1, maxLength: 3 }),
  }),
  fc.record({ op: fc.constant("disconnect" as const), at: fc.nat() }),
  fc.constant({ op: "event" as const }),
);

/** Everything the hub keeps in storage besides its replay buffer (there should be nothing). */
async function perConnectionStorage(tenant: string) {
  return runInDurableObject(hubOf(tenant), async (_hub: TenantHub, state) => {
    const kv = await state.storage.list();
    const tables = state.storage.sql
      .exec<{ name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\'",
      )
      .toArray()
      .map((r) => r.name)
      .sort();
    return { kvKeys: kv.size, tables };
  });
}

describe("TenantHub cleanup", () => {
  const tenant = crypto.randomUUID();

  // Property 58: WebSocket Resource Cleanup
  test.prop([fc.array(step, { minLength: 1, maxLength: 8 })], { numRuns: 100 })(
    "after clients disconnect, the socket count and the subscriptions return to zero and no per-connection state is stored",
    async (steps) => {
      const hub = hubOf(tenant);
      const open: HubClient[] = [];
      for (const s of steps) {
        if (s.op === "connect" && open.length < 5) open.push(await HubClient.direct(tenant, s.role));
        else if (s.op === "subscribe" && open.length > 0) {
          const c = open[s.at % open.length] as HubClient;
          c.send({ type: "subscribe", topics: s.topics });
          await c.next((m) => m.event === "subscribed");
        } else if (s.op === "disconnect" && open.length > 0) {
          const [c] = open.splice(s.at % open.length, 1) as [HubClient];
          c.close();
          expect(await eventually(() => hub.connectionCount(), open.length)).toBe(open.length);
        } else if (s.op === "event") {
          await hub.broadcast(hubEvent(tenant, "customer"));
        }
      }
      expect(await hub.connectionCount()).toBe(open.length);
      for (const c of open) c.close();
      expect(await eventually(() => hub.connectionCount(), 0)).toBe(0);
      expect(await hub.stats()).toMatchObject({ connections: 0, subscriptions: 0 });
      expect(await perConnectionStorage(tenant)).toEqual({ kvKeys: 0, tables: ["hub_events", "hub_meta"] });
    },
  );
});
