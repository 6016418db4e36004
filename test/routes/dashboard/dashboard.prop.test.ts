import { fc, test } from "@fast-check/vitest";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect } from "vitest";
import type { DbHandle } from "../../../src/db/client";
import { customers, monitoringSamples, PAYMENT_STATUSES, payments, servicePlans } from "../../../src/db/schema";
import type { TenantInfo } from "../../../src/services/context";
import { edgeStatsCache, NO_CACHE } from "../../../src/services/dashboard/cache";
import { getDashboardStats } from "../../../src/services/dashboard/stats";
import { insertTenant, purgeTenant, seedCustomer, seedPlan, userContext } from "../../support/billing-seed";
import { testDb } from "../../support/db";

/** Indonesia has no daylight saving: each zone is a fixed offset, an oracle independent of Intl. */
const ZONES = { "Asia/Jakarta": 7, "Asia/Pontianak": 7, "Asia/Makassar": 8, "Asia/Jayapura": 9 } as const;
type Zone = keyof typeof ZONES;
const zone = fc.constantFrom(...(Object.keys(ZONES) as Zone[]));
const instant = fc.date({
  min: new Date("2024-01-01T00:00:00Z"),
  max: new Date("2027-12-31T23:59:59Z"),
  noInvalidDate: true,
});
const HOUR = 3_600_000;
const localMonth = (at: Date, tz: Zone) => new Date(at.getTime() + ZONES[tz] * HOUR).toISOString().slice(0, 7);
const monthBefore = (month: string) => {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
};
/** The instant the local month of `at` begins. */
const monthStart = (at: Date, tz: Zone) =>
  new Date(Date.parse(`${localMonth(at, tz)}-01T00:00:00Z`) - ZONES[tz] * HOUR);

let system: DbHandle;
let app: DbHandle;
let tenant: TenantInfo;
let customerId: string;
let runs = 0;

beforeAll(async () => {
  system = testDb("system");
  app = testDb("app");
  tenant = await insertTenant(system.db);
  const plan = await seedPlan(system.db, tenant.id);
  customerId = (await seedCustomer(system.db, tenant.id, plan.id)).id;
});

afterAll(async () => {
  await purgeTenant(system.db, tenant.id);
  await Promise.all([system.close(), app.close()]);
});

/** `pct` is `num / den · 100` rounded to 2 decimals: |pct·100·den − num·10000| ≤ den / 2, exactly. */
function expectRoundedPercent(pct: number | null, num: number, den: number) {
  expect(pct).not.toBeNull();
  const hundredths = Math.round((pct ?? 0) * 100);
  expect(pct).toBe(hundredths / 100);
  const scaled = BigInt(hundredths);
  const err = scaled * BigInt(den) - BigInt(num) * 10_000n;
  expect(2n * (err < 0n ? -err : err) <= BigInt(den), `${pct} vs ${num}/${den}`).toBe(true);
}

describe("dashboard figures", () => {
  // Property 41: Revenue Calculation Accuracy
  test.prop(
    [
      zone,
      instant,
      fc.array(
        fc.record({
          status: fc.constantFrom(...PAYMENT_STATUSES),
          amount: fc.integer({ min: 1, max: 5_000_000 }),
          /** Minutes from the start of the local month of "now": boundaries are where zones matter. */
          minutes: fc.oneof(fc.integer({ min: -600, max: 600 }), fc.integer({ min: -80_000, max: 80_000 })),
          dated: fc.boolean(),
        }),
        { maxLength: 8 },
      ),
    ],
    { numRuns: 100 },
  )(
    "revenue of a month is the sum of paid payments whose payment date is in that tenant-local month",
    async (tz, now, specs) => {
      await system.db.delete(payments).where(eq(payments.tenantId, tenant.id));
      const start = monthStart(now, tz).getTime();
      const rows = specs.map((s, i) => ({
        tenantId: tenant.id,
        customerId,
        invoiceNumber: `R-${i}`,
        amount: s.amount,
        status: s.status,
        dueDate: "2026-01-01",
        paymentDate: s.status === "paid" || s.dated ? new Date(start + s.minutes * 60_000) : null,
      }));
      if (rows.length) await system.db.insert(payments).values(rows);
      const month = localMonth(now, tz);
      const sum = (m: string) =>
        rows
          .filter((r) => r.status === "paid" && r.paymentDate && localMonth(r.paymentDate, tz) === m)
          .reduce((a, r) => a + r.amount, 0);

      const stats = await getDashboardStats(userContext({ ...tenant, timezone: tz }, app.db, "viewer"), {
        cache: NO_CACHE,
        now: () => now,
      });
      const revenue = stats.revenue;
      if (!revenue) throw new Error("a viewer (payments:read) must see the revenue");
      expect(revenue.period).toBe(month);
      expect(revenue.currentMonth).toBe(sum(month));
      expect(revenue.previousMonth).toBe(sum(monthBefore(month)));
      // Property 42 through the service: the growth is the formula applied to these two sums.
      const { currentMonth: cur, previousMonth: prev } = revenue;
      if (prev > 0) expectRoundedPercent(revenue.growthPercent, cur - prev, prev);
      else expect(revenue.growthPercent).toBeNull();
    },
  );

  // Property 43: Bandwidth Usage Percentage Calculation
  test.prop(
    [
      instant,
      fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 3 }),
      fc.array(
        fc.record({
          status: fc.constantFrom("active", "active", "suspended", "terminated" as const),
          deleted: fc.boolean(),
          plan: fc.nat(),
          boostPlan: fc.option(fc.nat(), { nil: undefined }),
          samples: fc.uniqueArray(
            fc.record({ ageSec: fc.integer({ min: -300, max: 1800 }), rx: fc.integer({ min: 0, max: 2_000_000_000 }) }),
            { maxLength: 3, selector: (s) => s.ageSec },
          ),
        }),
        { maxLength: 4 },
      ),
    ],
    { numRuns: 100 },
  )(
    "usage is used / total · 100 over active customers: latest fresh download rate over plan download speed",
    async (now, speeds, specs) => {
      const db = system.db;
      await db.delete(monitoringSamples).where(eq(monitoringSamples.tenantId, tenant.id));
      await db.delete(payments).where(eq(payments.tenantId, tenant.id));
      await db.delete(customers).where(eq(customers.tenantId, tenant.id));
      await db.delete(servicePlans).where(eq(servicePlans.tenantId, tenant.id));
      const plans = await Promise.all(speeds.map((downloadMbps) => seedPlan(db, tenant.id, { downloadMbps })));
      const connectorId = crypto.randomUUID();
      let total = 0;
      let used = 0;
      let reporting = 0;
      let seq = 0;
      for (const s of specs) {
        const plan = s.plan % plans.length;
        const effective = s.boostPlan === undefined ? undefined : s.boostPlan % plans.length;
        const c = await seedCustomer(db, tenant.id, plans[plan]?.id ?? "", {
          status: s.status,
          deletedAt: s.deleted ? now : null,
          effectivePlanId: effective === undefined ? null : plans[effective]?.id,
        });
        if (s.samples.length) {
          await db.insert(monitoringSamples).values(
            s.samples.map((x) => ({
              tenantId: tenant.id,
              customerId: c.id,
              connectorId,
              sampleSeq: ++seq,
              ts: new Date(now.getTime() - x.ageSec * 1000),
              rxBytes: 0,
              txBytes: 0,
              rxRateBps: x.rx,
              txRateBps: 0,
            })),
          );
        }
        if (s.status !== "active" || s.deleted) continue;
        total += (speeds[effective ?? plan] ?? 0) * 1_000_000;
        const fresh = s.samples.filter((x) => x.ageSec >= 0 && x.ageSec < 900).sort((a, b) => a.ageSec - b.ageSec);
        if (fresh[0]) {
          used += fresh[0].rx;
          reporting += 1;
        }
      }

      const stats = await getDashboardStats(userContext(tenant, app.db, "technician"), {
        cache: NO_CACHE,
        now: () => now,
      });
      const bandwidth = stats.bandwidth;
      if (!bandwidth) throw new Error("a technician (monitoring:read) must see the bandwidth");
      expect(bandwidth.totalBps).toBe(total);
      expect(bandwidth.customersReporting).toBe(reporting);
      if (reporting === 0) {
        expect(bandwidth.usagePercent).toBeNull();
      } else {
        expect(bandwidth.usedBps).toBe(used);
        expectRoundedPercent(bandwidth.usagePercent, used, total);
      }
    },
  );

  // Property 44: Cache Expiration Refresh
  test.prop([instant, fc.oneof(fc.integer({ min: 0, max: 600_000 }), fc.integer({ min: 299_000, max: 301_000 }))], {
    numRuns: 100,
  })(
    "within 5 minutes the cached snapshot is served; from 5 minutes on, the next request recomputes",
    async (t0, elapsed) => {
      runs += 1;
      const cache = edgeStatsCache(`p44-${crypto.randomUUID()}-${runs}`);
      const ctx = userContext(tenant, app.db, "admin");
      const first = await getDashboardStats(ctx, { cache, now: () => t0 });
      expect(first.cached).toBe(false);
      const plan = await seedPlan(system.db, tenant.id);
      await seedCustomer(system.db, tenant.id, plan.id);

      const later = new Date(t0.getTime() + elapsed);
      const second = await getDashboardStats(ctx, { cache, now: () => later });
      if (elapsed < 5 * 60_000) {
        expect(second.cached).toBe(true);
        expect(second.generatedAt).toBe(t0.toISOString());
        expect(second.customers?.total).toBe(first.customers?.total);
      } else {
        expect(second.cached).toBe(false);
        expect(second.generatedAt).toBe(later.toISOString());
        expect(second.customers?.total).toBe((first.customers?.total ?? Number.NaN) + 1);
      }
    },
  );
});
