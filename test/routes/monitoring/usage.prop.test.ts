import { fc, test } from "@fast-check/vitest";
import { afterAll, describe, expect } from "vitest";
import { monitoringSamples } from "../../../src/db/schema";
import { getCustomerUsage } from "../../../src/services/monitoring/customer-usage";
import { getNetworkOverview } from "../../../src/services/monitoring/overview";
import { PERIODS } from "../../../src/services/monitoring/periods";
import { rollUpMonitoring } from "../../../src/services/monitoring/rollup";
import { bareTenant, customer, plan, systemDb } from "./monitoring-seed";

const handle = systemDb();
const db = handle.db;
afterAll(() => handle.close());

const DAY = 86_400_000;
const sampleArb = fc.record({
  /** How long before "now" (up to 31 days, so every period has samples just in and just out). */
  ageMs: fc.oneof(fc.integer({ min: 0, max: 31 * DAY }), fc.constantFrom(0, 3_600_000, DAY, 7 * DAY, 30 * DAY)),
  rx: fc.integer({ min: 0, max: 2_000_000_000 }),
  tx: fc.integer({ min: 0, max: 500_000_000 }),
  rate: fc.integer({ min: 0, max: 1_000_000_000 }),
});

describe("monitoring aggregates", () => {
  // Property 37: Bandwidth Aggregation Accuracy
  test.prop([fc.array(sampleArb, { minLength: 0, maxLength: 25 }), fc.integer({ min: 0, max: 3_599_999 })], {
    numRuns: 100,
  })(
    "for every period the totals equal the sums of the samples in [from, to], raw or rolled up",
    async (samples, intoHour) => {
      const t = await bareTenant(db);
      try {
        const p = await plan(db, t.id, 20, 10);
        const c = await customer(db, t.id, p);
        const now = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 + intoHour);
        const connectorId = crypto.randomUUID();
        const rows = samples.map((s, i) => ({
          tenantId: t.id,
          customerId: c,
          connectorId,
          sampleSeq: i,
          ts: new Date(now.getTime() - s.ageMs),
          rxBytes: s.rx,
          txBytes: s.tx,
          rxRateBps: s.rate,
          txRateBps: Math.floor(s.rate / 2),
        }));
        if (rows.length) await db.insert(monitoringSamples).values(rows);
        await rollUpMonitoring(db, now, { lookbackHours: 32 * 24, tenantId: t.id });
        for (const period of PERIODS) {
          const usage = await getCustomerUsage(t.ctx, c, period, now);
          const from = Date.parse(usage.from);
          const inWindow = rows.filter((r) => r.ts.getTime() >= from && r.ts.getTime() <= now.getTime());
          const sum = (f: (r: (typeof rows)[number]) => number) => inWindow.reduce((a, r) => a + f(r), 0);
          expect(usage.totals).toMatchObject({
            downloadBytes: sum((r) => r.rxBytes),
            uploadBytes: sum((r) => r.txBytes),
            samples: inWindow.length,
            maxDownloadBps: inWindow.reduce((a, r) => Math.max(a, r.rxRateBps), 0),
          });
          expect(usage.series.reduce((a, s) => a + s.downloadBytes, 0)).toBe(usage.totals.downloadBytes);
        }
      } finally {
        await t.remove();
      }
    },
  );

  const customerArb = fc.record({
    plan: fc.integer({ min: 0, max: 2 }),
    boost: fc.option(fc.integer({ min: 0, max: 2 }), { nil: null }),
    status: fc.constantFrom("active", "active", "suspended", "terminated"),
    deleted: fc.boolean(),
  });
  const planArb = fc.tuple(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: 1000 }));

  // Property 38: Network Overview Calculation
  test.prop([fc.array(planArb, { minLength: 3, maxLength: 3 }), fc.array(customerArb, { maxLength: 8 })], {
    numRuns: 100,
  })(
    "the allocated bandwidth is the sum of the active customers' enforced plans (the boost plan during a boost)",
    async (planSpeeds, people) => {
      const t = await bareTenant(db);
      try {
        const planIds = [];
        for (const [down, up] of planSpeeds) planIds.push(await plan(db, t.id, down, up));
        for (const person of people) {
          await customer(db, t.id, planIds[person.plan] as string, {
            status: person.status as "active",
            effectivePlanId: person.boost === null ? null : (planIds[person.boost] as string),
            deletedAt: person.deleted ? new Date() : null,
          });
        }
        const overview = await getNetworkOverview(t.ctx);
        const counted = people.filter((c) => c.status === "active" && !c.deleted);
        const speed = (c: (typeof people)[number], i: 0 | 1) => (planSpeeds[c.boost ?? c.plan] as [number, number])[i];
        expect(overview.allocatedBandwidth).toEqual({
          downloadMbps: counted.reduce((a, c) => a + speed(c, 0), 0),
          uploadMbps: counted.reduce((a, c) => a + speed(c, 1), 0),
        });
        expect(overview.customers.active).toBe(counted.length);
        expect(overview.customers.total).toBe(people.filter((c) => !c.deleted).length);
      } finally {
        await t.remove();
      }
    },
  );
});
