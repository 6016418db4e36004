import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../../src/db/client";
import { alerts, domainEvents } from "../../../src/db/schema";
import { raiseAlert, resolveAlertFor } from "../../../src/services/alerts/raise";
import { type ServiceContext, type TenantInfo, withTenantTx } from "../../../src/services/context";
import { insertTenant, purgeTenant } from "../../support/billing-seed";
import { testDb } from "../../support/db";

let system: DbHandle;
let app: DbHandle;
let tenant: TenantInfo;

beforeAll(async () => {
  system = testDb("system");
  app = testDb("app");
  tenant = await insertTenant(system.db);
});
afterAll(async () => {
  await purgeTenant(system.db, tenant.id);
  await Promise.all([system.close(), app.close()]);
});

/** A monitoring job's context: no user, events collected after commit. */
function jobContext(sink: { type: string }[]): ServiceContext {
  return {
    tenant,
    actor: { type: "system", job: "offline-detection" },
    db: app.db,
    events: { push: (e) => sink.push(e) },
  };
}
const offline = (entityId: string) => ({
  type: "device_offline" as const,
  severity: "critical" as const,
  entityType: "device",
  entityId,
  message: "OLT offline",
  data: { lastSeen: "2026-11-24T08:00:00.000Z" },
});

describe("raiseAlert / resolveAlertFor (service API for detectors)", () => {
  it("raises once per unresolved (type, entity), emits alert.create after commit, dedupes acknowledged ones", async () => {
    const events: { type: string }[] = [];
    const ctx = jobContext(events);
    const entityId = crypto.randomUUID();
    const first = await withTenantTx(ctx, (tx, c) => raiseAlert(tx, c, offline(entityId)));
    expect(first.created).toBe(true);
    expect(first.alert).toMatchObject({ status: "open", entityId, data: { lastSeen: "2026-11-24T08:00:00.000Z" } });
    expect(events.map((e) => e.type)).toEqual(["alert.create"]);
    await system.db.update(alerts).set({ status: "acknowledged" }).where(eq(alerts.id, first.alert.id));
    const second = await withTenantTx(ctx, (tx, c) => raiseAlert(tx, c, offline(entityId)));
    expect(second).toMatchObject({ created: false, alert: { id: first.alert.id, status: "acknowledged" } });
    expect(events).toHaveLength(1);
    const other = await withTenantTx(ctx, (tx, c) =>
      raiseAlert(tx, c, { ...offline(entityId), type: "router_offline" }),
    );
    expect(other.created).toBe(true);
  });

  it("concurrent raises for one entity make one alert", async () => {
    const entityId = crypto.randomUUID();
    const results = await Promise.all(
      [0, 1, 2, 3].map(() => withTenantTx(jobContext([]), (tx, c) => raiseAlert(tx, c, offline(entityId)))),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.alert.id)).size).toBe(1);
    const rows = await system.db.select().from(alerts).where(eq(alerts.entityId, entityId));
    expect(rows).toHaveLength(1);
  });

  it("resolving clears the way for a fresh alert; a rolled-back raise announces nothing", async () => {
    const events: { type: string }[] = [];
    const ctx = jobContext(events);
    const entityId = crypto.randomUUID();
    const first = await withTenantTx(ctx, (tx, c) => raiseAlert(tx, c, offline(entityId)));
    const resolved = await withTenantTx(ctx, (tx, c) => resolveAlertFor(tx, c, { type: "device_offline", entityId }));
    expect(resolved).toMatchObject({ id: first.alert.id, status: "resolved" });
    expect(await withTenantTx(ctx, (tx, c) => resolveAlertFor(tx, c, { type: "device_offline", entityId }))).toBeNull();
    const again = await withTenantTx(ctx, (tx, c) => raiseAlert(tx, c, offline(entityId)));
    expect(again.created).toBe(true);
    expect(again.alert.id).not.toBe(first.alert.id);
    expect(events.map((e) => e.type)).toEqual(["alert.create", "alert.resolve", "alert.create"]);

    const lost = crypto.randomUUID();
    await expect(
      withTenantTx(ctx, async (tx, c) => {
        await raiseAlert(tx, c, offline(lost));
        throw new Error("job failed later");
      }),
    ).rejects.toThrow("job failed later");
    expect(events).toHaveLength(3);
    const rows = await system.db
      .select()
      .from(alerts)
      .where(and(eq(alerts.entityId, lost)));
    const outbox = await system.db.select().from(domainEvents).where(eq(domainEvents.entityId, lost));
    expect([rows, outbox]).toEqual([[], []]);
  });
});
