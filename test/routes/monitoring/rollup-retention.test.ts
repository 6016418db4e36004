import { and, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { monitoringRollups, monitoringSamples } from "../../../src/db/schema";
import { EnvSchema } from "../../../src/env";
import { floorHour } from "../../../src/services/monitoring/periods";
import { pruneMonitoring, ROLLUP_LOOKBACK_HOURS, rollUpMonitoring } from "../../../src/services/monitoring/rollup";
import { bareTenant, customer, plan, systemDb } from "./monitoring-seed";

const handle = systemDb();
const db = handle.db;
afterAll(() => handle.close());

const HOUR = 3_600_000;

/** The shortest raw retention the configuration accepts. */
function minRetentionDays(): number {
  const field = EnvSchema.shape.MONITORING_RAW_RETENTION_DAYS;
  for (let days = 0; days <= 365; days++) if (field.safeParse(String(days)).success) return days;
  throw new Error("no retention accepted");
}

describe("roll-ups and raw retention", () => {
  it("at the shortest retention allowed, the hourly job never overwrites a bucket with a smaller sum", async () => {
    const rawDays = minRetentionDays();
    expect(rawDays * 24).toBeGreaterThan(ROLLUP_LOOKBACK_HOURS);
    const t = await bareTenant(db);
    try {
      const c = await customer(db, t.id, await plan(db, t.id, 20, 10));
      const start = new Date(floorHour(new Date()).getTime() + 30 * 60_000);
      // A sample every 10 minutes, from now back to a little beyond the retention.
      const count = (rawDays * 24 + 2) * 6;
      await db.insert(monitoringSamples).values(
        Array.from({ length: count }, (_, i) => ({
          tenantId: t.id,
          customerId: c,
          connectorId: t.id,
          sampleSeq: i,
          ts: new Date(start.getTime() - i * 600_000),
          rxBytes: 1000 + i,
          txBytes: 10,
          rxRateBps: 0,
          txRateBps: 0,
        })),
      );
      const buckets = async () =>
        new Map(
          (
            await db
              .select({ start: monitoringRollups.bucketStart, rx: monitoringRollups.rxBytes })
              .from(monitoringRollups)
              .where(and(eq(monitoringRollups.tenantId, t.id), eq(monitoringRollups.customerId, c)))
          ).map((b) => [b.start.getTime(), b.rx]),
        );
      // The hourly job (roll-up, then prune) as it runs hour after hour.
      const first = new Map<number, number>();
      for (let k = 0; k < 4; k++) {
        const now = new Date(start.getTime() + k * HOUR);
        await rollUpMonitoring(db, now, { tenantId: t.id });
        if (k === 0) for (const [at, rx] of await buckets()) first.set(at, rx);
        await pruneMonitoring(db, now, { rawDays });
      }
      expect(first.size).toBe(ROLLUP_LOOKBACK_HOURS);
      const after = await buckets();
      for (const [at, rx] of first)
        expect({ at: new Date(at).toISOString(), rx: after.get(at) }).toEqual({ at: new Date(at).toISOString(), rx });
    } finally {
      await t.remove();
    }
  });
});
