import { fc, test } from "@fast-check/vitest";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect } from "vitest";
import { connectors, mikrotikRouters, monitoringSamples } from "../../../src/db/schema";
import { detectOffline, STALE_AFTER_MS } from "../../../src/services/monitoring/offline";
import { floorHour } from "../../../src/services/monitoring/periods";
import { checkUsageThresholds, usageExceeds } from "../../../src/services/monitoring/thresholds";
import { type AlertType, bareTenant, customer, openAlertsOf, plan, statusChangesOf, systemDb } from "./monitoring-seed";

const handle = systemDb();
const db = handle.db;
afterAll(() => handle.close());

const statusChanges = (tenantId: string, entityType: string) => statusChangesOf(db, tenantId, entityType);
const openAlerts = (tenantId: string, type: AlertType) => openAlertsOf(db, tenantId, type);

describe("monitoring alerts", () => {
  const usageArb = fc.record({
    mbps: fc.integer({ min: 1, max: 100 }),
    /** Downloaded in the hour, as a fraction of the plan's hourly allocation (0–150 %), in basis points. */
    usageBp: fc.integer({ min: 0, max: 15_000 }),
  });

  // Property 39: Alert Generation on Threshold Breach
  test.prop(
    [fc.array(usageArb, { minLength: 1, maxLength: 4 }), fc.option(fc.integer({ min: 1, max: 100 }), { nil: null })],
    {
      numRuns: 100,
    },
  )(
    "a customer whose hourly download reaches the tenant's threshold gets one alert; the others none",
    async (people, percent) => {
      const t = await bareTenant(db, { monitoring: { usageAlertPercent: percent } });
      try {
        const now = new Date(floorHour(new Date()).getTime() + 60_000);
        const lastHour = floorHour(now).getTime() - 1_800_000;
        const ids: string[] = [];
        const expected = new Set<string>();
        for (const [i, person] of people.entries()) {
          const id = await customer(db, t.id, await plan(db, t.id, person.mbps, 1));
          ids.push(id);
          const allocation = (person.mbps * 1_000_000 * 3600) / 8;
          const bytes = Math.floor((allocation * person.usageBp) / 10_000);
          // Two samples: the sum is what counts.
          const half = Math.floor(bytes / 2);
          await db.insert(monitoringSamples).values(
            [half, bytes - half].map((rx, k) => ({
              tenantId: t.id,
              customerId: id,
              connectorId: t.id,
              sampleSeq: i * 10 + k,
              ts: new Date(lastHour + k * 1000),
              rxBytes: rx,
              txBytes: 0,
              rxRateBps: 0,
              txRateBps: 0,
            })),
          );
          // Exact in doubles at these sizes: bits used ≥ percent of the bits the plan allows in an hour.
          const exceeds = percent !== null && bytes * 8 * 100 >= percent * person.mbps * 1e6 * 3600;
          if (exceeds) expected.add(id);
          if (percent !== null) expect(usageExceeds(bytes, person.mbps, 3600, percent)).toBe(exceeds);
        }
        await checkUsageThresholds(db, now, { tenantId: t.id });
        await checkUsageThresholds(db, now, { tenantId: t.id }); // a second run adds nothing
        const open = await openAlerts(t.id, "bandwidth_threshold");
        expect(open.sort()).toEqual([...expected].sort());
      } finally {
        await t.remove();
      }
    },
  );

  const seenArb = fc.option(fc.integer({ min: 0, max: 3 * STALE_AFTER_MS }), { nil: null });

  // Property 24: Device Status Update on Unreachable
  // Property 40: Alert Generation on Device Offline
  test.prop([seenArb, seenArb, fc.constantFrom("online", "offline", "unknown")], { numRuns: 100 })(
    "a connector or router whose heartbeats stopped turns offline with last_seen kept, and raises one alert on that change",
    async (connectorAge, routerAge, routerStatus) => {
      const t = await bareTenant(db);
      try {
        const now = new Date();
        const at = (age: number | null) => (age === null ? null : new Date(now.getTime() - age));
        const [c] = await db
          .insert(connectors)
          .values({ tenantId: t.id, name: "c", status: "online", lastSeen: at(connectorAge) })
          .returning({ id: connectors.id });
        const [r] = await db
          .insert(mikrotikRouters)
          .values({
            tenantId: t.id,
            name: "r",
            host: "10.0.0.1",
            username: "u",
            passwordEnc: "x",
            connectorId: c?.id,
            status: routerStatus as "online",
            lastSeen: at(routerAge),
          })
          .returning({ id: mikrotikRouters.id });
        await detectOffline(db, now, { tenantId: t.id });
        await detectOffline(db, now, { tenantId: t.id });
        const stale = (age: number | null) => age === null || age > STALE_AFTER_MS;
        const [cRow] = await db.select().from(connectors).where(eq(connectors.tenantId, t.id));
        const [rRow] = await db.select().from(mikrotikRouters).where(eq(mikrotikRouters.tenantId, t.id));
        const connectorGone = stale(connectorAge);
        expect(cRow?.status).toBe(connectorGone ? "offline" : "online");
        expect(cRow?.lastSeen?.getTime() ?? null).toBe(at(connectorAge)?.getTime() ?? null);
        expect(await openAlerts(t.id, "connector_offline")).toEqual(connectorGone ? [c?.id] : []);
        const routerGone = !connectorGone && routerStatus === "online" && stale(routerAge);
        const expectedRouter = connectorGone ? "unknown" : routerGone ? "offline" : routerStatus;
        expect(rRow?.status).toBe(expectedRouter);
        expect(rRow?.lastSeen?.getTime() ?? null).toBe(at(routerAge)?.getTime() ?? null);
        expect(await openAlerts(t.id, "router_offline")).toEqual(routerGone ? [r?.id] : []);
        // Each change of status is one event (two runs, one change), none without a change.
        expect(await statusChanges(t.id, "connector")).toEqual(connectorGone ? [[c?.id, "online", "offline"]] : []);
        expect(await statusChanges(t.id, "router")).toEqual(
          expectedRouter === routerStatus ? [] : [[r?.id, routerStatus, expectedRouter]],
        );
      } finally {
        await t.remove();
      }
    },
  );
});
