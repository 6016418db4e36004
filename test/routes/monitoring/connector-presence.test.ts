import { and, eq, ne } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { observeHello } from "../../../durable-objects/connector-gateway/inbound";
import type { Presence } from "../../../durable-objects/connector-gateway/presence";
import { alerts, connectors, mikrotikRouters } from "../../../src/db/schema";
import { markConnectorOffline, markConnectorSeen } from "../../../src/services/connectors/presence";
import { detectOffline } from "../../../src/services/monitoring/offline";
import { bareTenant, systemDb } from "./monitoring-seed";

const handle = systemDb();
const db = handle.db;
afterAll(() => handle.close());

type Tenant = Awaited<ReturnType<typeof bareTenant>>;
type RouterStatus = (typeof mikrotikRouters.$inferSelect)["status"];

const openAlerts = async (tenantId: string) =>
  (
    await db
      .select({ type: alerts.type, entityId: alerts.entityId })
      .from(alerts)
      .where(and(eq(alerts.tenantId, tenantId), ne(alerts.status, "resolved")))
  ).map((a) => `${a.type}:${a.entityId}`);

async function seed(t: Tenant, connector: Partial<typeof connectors.$inferInsert>, routerStatuses: RouterStatus[]) {
  const name = connector.name ?? "c";
  const [c] = await db
    .insert(connectors)
    .values({ tenantId: t.id, name, status: "online", ...connector })
    .returning({ id: connectors.id });
  if (!c) throw new Error("no connector");
  const routerIds: string[] = [];
  for (const [i, status] of routerStatuses.entries()) {
    const [r] = await db
      .insert(mikrotikRouters)
      .values({
        tenantId: t.id,
        name: `${name}-r${i}`,
        host: "10.0.0.1",
        username: "u",
        passwordEnc: "x",
        connectorId: c.id,
      })
      .returning({ id: mikrotikRouters.id });
    if (!r) throw new Error("no router");
    await db.update(mikrotikRouters).set({ status, lastSeen: new Date() }).where(eq(mikrotikRouters.id, r.id));
    routerIds.push(r.id);
  }
  return { connectorId: c.id, routerIds };
}

const routerStatuses = async (tenantId: string) =>
  (
    await db
      .select({ name: mikrotikRouters.name, status: mikrotikRouters.status })
      .from(mikrotikRouters)
      .where(eq(mikrotikRouters.tenantId, tenantId))
      .orderBy(mikrotikRouters.name)
  ).map((r) => r.status);

const connectorRow = async (id: string) => (await db.select().from(connectors).where(eq(connectors.id, id)))[0];

async function withTenant(fn: (t: Tenant) => Promise<void>) {
  const t = await bareTenant(db);
  try {
    await fn(t);
  } finally {
    await t.remove();
  }
}

describe("hello before the first poll", () => {
  it("a router without `reachable` is no observation: no status change, no router_offline alert", async () => {
    await withTenant(async (t) => {
      const { connectorId, routerIds } = await seed(t, {}, ["online", "unknown"]);
      const presence = {
        connectorId,
        backend: { run: (_tenantId: string, _job: string, fn: (ctx: typeof t.ctx) => Promise<unknown>) => fn(t.ctx) },
      } as unknown as Presence;
      await observeHello(presence, t.id, {
        type: "hello",
        protocol: 1,
        connectorId,
        version: "0.1.0",
        routers: routerIds.map((routerId) => ({ routerId })),
      });
      expect(await routerStatuses(t.id)).toEqual(["online", "unknown"]);
      expect(await openAlerts(t.id)).toEqual([]);
      // An explicit `false` still is an observation.
      await observeHello(presence, t.id, {
        type: "hello",
        protocol: 1,
        connectorId,
        version: "0.1.0",
        routers: [{ routerId: routerIds[0] as string, reachable: false }],
      });
      expect(await routerStatuses(t.id)).toEqual(["offline", "unknown"]);
      expect(await openAlerts(t.id)).toEqual([`router_offline:${routerIds[0]}`]);
    });
  });
});

describe("connector presence", () => {
  it("marking a connector offline (the gateway's path) turns its routers unknown, with one alert for the connector", async () => {
    await withTenant(async (t) => {
      const { connectorId } = await seed(t, { lastSeen: new Date() }, ["online", "offline", "unknown"]);
      const other = await seed(t, { name: "other" }, ["online"]);
      expect(await markConnectorOffline(t.ctx, connectorId, new Date(Date.now() - 120_000))).toBe(true);
      expect((await connectorRow(connectorId))?.status).toBe("offline");
      // Sorted by name: c-r0, c-r1, c-r2 (this connector's), other-r0 (another connector's, untouched).
      expect(await routerStatuses(t.id)).toEqual(["unknown", "unknown", "unknown", "online"]);
      expect(other.routerIds).toHaveLength(1);
      expect(await openAlerts(t.id)).toEqual([`connector_offline:${connectorId}`]);
      // Already offline: nothing changes a second time.
      expect(await markConnectorOffline(t.ctx, connectorId, null)).toBe(false);
    });
  });

  it("the offline detector turns routers left online behind a connector that is not up unknown, without alerts", async () => {
    await withTenant(async (t) => {
      await seed(t, { name: "a", status: "offline", lastSeen: new Date() }, ["online"]);
      await seed(t, { name: "b", status: "online", lastSeen: new Date(), revokedAt: new Date() }, ["online"]);
      await seed(t, { name: "c", status: "online", lastSeen: new Date() }, ["online"]);
      expect(await detectOffline(db, new Date(), { tenantId: t.id })).toMatchObject({ orphaned: 2 });
      expect(await routerStatuses(t.id)).toEqual(["unknown", "unknown", "online"]);
      expect(await openAlerts(t.id)).toEqual([]);
    });
  });

  it("a sign of life newer than the stale last_seen brings an offline connector back online and resolves its alert", async () => {
    await withTenant(async (t) => {
      const stale = new Date(Date.now() - 600_000);
      const { connectorId } = await seed(t, { lastSeen: stale }, []);
      await markConnectorOffline(t.ctx, connectorId, null);
      expect(await openAlerts(t.id)).toEqual([`connector_offline:${connectorId}`]);
      // The same (stale) last_seen again: a silent socket stays offline.
      await markConnectorSeen(t.ctx, connectorId, stale);
      expect((await connectorRow(connectorId))?.status).toBe("offline");
      const now = new Date();
      await markConnectorSeen(t.ctx, connectorId, now);
      const row = await connectorRow(connectorId);
      expect(row?.status).toBe("online");
      expect(row?.lastSeen?.getTime()).toBe(now.getTime());
      expect(await openAlerts(t.id)).toEqual([]);
    });
  });

  it("seen never makes a pending or revoked connector online; it only refreshes last_seen", async () => {
    await withTenant(async (t) => {
      const pending = await seed(t, { name: "p", status: "pending" }, []);
      const revoked = await seed(t, { name: "x", status: "offline", revokedAt: new Date() }, []);
      const now = new Date();
      await markConnectorSeen(t.ctx, pending.connectorId, now);
      await markConnectorSeen(t.ctx, revoked.connectorId, now);
      expect(await connectorRow(pending.connectorId)).toMatchObject({ status: "pending", lastSeen: now });
      expect(await connectorRow(revoked.connectorId)).toMatchObject({ status: "offline", lastSeen: now });
    });
  });
});
