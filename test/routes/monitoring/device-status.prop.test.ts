import { fc, test } from "@fast-check/vitest";
import { and, eq } from "drizzle-orm";
import { afterAll, describe, expect } from "vitest";
import { alerts, connectors, DEVICE_STATUSES, devices } from "../../../src/db/schema";
import { recordDeviceObservations } from "../../../src/services/monitoring/device-status";
import { detectOffline, STALE_AFTER_MS } from "../../../src/services/monitoring/offline";
import { bareTenant, openAlertsOf, statusChangesOf, systemDb } from "./monitoring-seed";

const handle = systemDb();
const db = handle.db;
afterAll(() => handle.close());

type Status = (typeof DEVICE_STATUSES)[number];

/** `stale`: a connector still `online` whose heartbeats stopped (the detector takes it offline first). */
type ConnectorState = Status | "none" | "stale";

async function seedDevice(tenantId: string, d: { status: Status; lastSeen: Date | null; connector: ConnectorState }) {
  const [c] =
    d.connector === "none"
      ? [undefined]
      : await db
          .insert(connectors)
          .values({
            tenantId,
            name: "c",
            status: d.connector === "unknown" ? "pending" : d.connector === "stale" ? "online" : d.connector,
            lastSeen: d.connector === "stale" ? null : new Date(),
          })
          .returning({ id: connectors.id });
  const [row] = await db
    .insert(devices)
    .values({
      tenantId,
      name: "OLT",
      type: "olt",
      ipAddress: "10.0.0.5",
      status: d.status,
      lastSeen: d.lastSeen,
      connectorId: c?.id ?? null,
    })
    .returning();
  if (!row) throw new Error("no device");
  return { deviceId: row.id, connectorId: c?.id ?? null };
}

const deviceRow = async (id: string) => (await db.select().from(devices).where(eq(devices.id, id)))[0];
const raised = async (tenantId: string) =>
  (
    await db
      .select()
      .from(alerts)
      .where(and(eq(alerts.tenantId, tenantId), eq(alerts.type, "device_offline")))
  ).length;

describe("device status from probing", () => {
  // Property 24: Device Status Update on Unreachable
  // Property 40: Alert Generation on Device Offline
  test.prop([fc.constantFrom(...DEVICE_STATUSES), fc.array(fc.boolean(), { minLength: 1, maxLength: 6 })], {
    numRuns: 100,
  })(
    "a probed device follows its rounds: offline on a failed probe with last_seen kept, one alert per outage, one event per change",
    async (initial, rounds) => {
      const t = await bareTenant(db);
      try {
        const start = new Date("2026-11-24T08:00:00Z");
        const { deviceId, connectorId } = await seedDevice(t.id, {
          status: initial,
          lastSeen: null,
          connector: "online",
        });
        let status: Status = initial;
        let lastSeen: Date | null = null;
        let outages = 0;
        let alertOpen = false; // the seeded state has no alert, whatever its status
        const changes: string[][] = [];
        for (const [i, reachable] of rounds.entries()) {
          const at = new Date(start.getTime() + i * 30_000);
          await recordDeviceObservations(t.ctx, connectorId as string, [{ deviceId, reachable }], at);
          const next: Status = reachable ? "online" : "offline";
          if (reachable) lastSeen = at;
          if (next !== status) changes.push([deviceId, status, next]);
          if (next === "offline" && status !== "offline") outages++;
          if (next !== status) alertOpen = next === "offline";
          status = next;
        }
        const row = await deviceRow(deviceId);
        expect(row?.status).toBe(status);
        expect(row?.lastSeen?.toISOString() ?? null).toBe(lastSeen?.toISOString() ?? null);
        expect(await statusChangesOf(db, t.id, "device")).toEqual(changes);
        expect(await raised(t.id)).toBe(outages);
        expect(await openAlertsOf(db, t.id, "device_offline")).toEqual(alertOpen ? [deviceId] : []);
      } finally {
        await t.remove();
      }
    },
  );

  // Property 24: Device Status Update on Unreachable
  // Property 40: Alert Generation on Device Offline
  test.prop(
    [
      fc.option(fc.integer({ min: 0, max: 3 * STALE_AFTER_MS }), { nil: null }),
      fc.constantFrom<ConnectorState>("online", "offline", "unknown", "none", "stale"),
    ],
    { numRuns: 100 },
  )(
    "an online device whose probe results stopped turns offline (alert) while its connector is up, unknown (no alert) when nothing probes it",
    async (age, connector) => {
      const t = await bareTenant(db);
      try {
        const now = new Date();
        const lastSeen = age === null ? null : new Date(now.getTime() - age);
        const { deviceId } = await seedDevice(t.id, { status: "online", lastSeen, connector });
        await detectOffline(db, now, { tenantId: t.id });
        await detectOffline(db, now, { tenantId: t.id }); // a second run changes nothing
        const probed = connector === "online";
        const stale = lastSeen === null || now.getTime() - lastSeen.getTime() > STALE_AFTER_MS;
        const expected = !probed ? "unknown" : stale ? "offline" : "online";
        const row = await deviceRow(deviceId);
        expect(row?.status).toBe(expected);
        expect(row?.lastSeen?.getTime() ?? null).toBe(lastSeen?.getTime() ?? null);
        expect(await openAlertsOf(db, t.id, "device_offline")).toEqual(expected === "offline" ? [deviceId] : []);
        expect(await statusChangesOf(db, t.id, "device")).toEqual(
          expected === "online" ? [] : [[deviceId, "online", expected]],
        );
      } finally {
        await t.remove();
      }
    },
  );
});
