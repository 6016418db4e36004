import { describe, expect, it } from "vitest";
import type { TenantHub } from "../../../durable-objects/tenant-hub";
import { createLogger } from "../../../src/lib/logger";
import { hubPublisher } from "../../../src/services/events/hub-publisher";
import type { DomainEventView } from "../../../src/services/events/record";

const event = (tenantId: string, id: number): DomainEventView => ({
  id,
  tenantId,
  type: "customer.update",
  entityType: "customer",
  entityId: `c-${id}`,
  action: "update",
  actorId: null,
  data: {},
  createdAt: new Date(0).toISOString(),
});

/** A namespace double: records each tenant's broadcast, answering with `answer(tenantId)`. */
function fakeHubs(answer: (tenantId: string) => { delivered: number; duplicates: number; refused: number }) {
  const calls: Array<{ tenantId: string; ids: number[] }> = [];
  const ns = {
    idFromName: (name: string) => name,
    get: (tenantId: string) => ({
      broadcast: async (events: DomainEventView[]) => {
        calls.push({ tenantId, ids: events.map((e) => e.id) });
        if (tenantId === "down") throw new Error("hub unreachable");
        return answer(tenantId);
      },
    }),
  };
  return { ns: ns as unknown as DurableObjectNamespace<TenantHub>, calls };
}

describe("hubPublisher", () => {
  it("sends each tenant's events to its own hub in order, and marks only what a hub took", async () => {
    const { ns, calls } = fakeHubs((t) => ({ delivered: 1, duplicates: 0, refused: t === "wrong" ? 1 : 0 }));
    const marked: Array<{ tenantId: string; ids: number[] }> = [];
    const publisher = hubPublisher(ns, createLogger({}, "error"), async (tenantId, ids) => {
      marked.push({ tenantId, ids });
    });
    await publisher.publish([event("a", 1), event("b", 2), event("a", 3), event("down", 4), event("wrong", 5)]);
    expect(calls.sort((x, y) => x.tenantId.localeCompare(y.tenantId))).toEqual([
      { tenantId: "a", ids: [1, 3] },
      { tenantId: "b", ids: [2] },
      { tenantId: "down", ids: [4] },
      { tenantId: "wrong", ids: [5] },
    ]);
    // An unreachable hub or a refused event leaves the outbox rows unpublished (for a sweeper).
    expect(marked.sort((x, y) => x.tenantId.localeCompare(y.tenantId))).toEqual([
      { tenantId: "a", ids: [1, 3] },
      { tenantId: "b", ids: [2] },
    ]);
  });

  it("never throws: a failing mark is logged, not raised", async () => {
    const { ns } = fakeHubs(() => ({ delivered: 0, duplicates: 0, refused: 0 }));
    const publisher = hubPublisher(ns, createLogger({}, "error"), async () => {
      throw new Error("db down");
    });
    await expect(publisher.publish([event("a", 1)])).resolves.toBeUndefined();
  });
});
