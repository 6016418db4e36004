import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { percentOf, revenueGrowth, usagePercent } from "../../src/services/dashboard/math";

const rupiah = fc.integer({ min: 0, max: 1_000_000_000_000 });
/** A previous month worth a percentage: ≥ Rp 1 000 keeps growth·100 below 2^53 (exactly representable). */
const previousRupiah = fc.integer({ min: 1_000, max: 1_000_000_000_000 });

/** |pct·100·den − num·10000| ≤ den/2: `pct` is num/den·100 rounded to 2 decimals (checked in BigInt). */
function isRoundedPercent(pct: number, num: number, den: number): boolean {
  const hundredths = Math.round(pct * 100);
  // pct is the double nearest to a number of hundredths (huge values: pct * 100 is not exact)
  if (pct !== hundredths / 100) return false;
  const err = BigInt(hundredths) * BigInt(den) - BigInt(num) * 10_000n;
  return 2n * (err < 0n ? -err : err) <= BigInt(den);
}

describe("dashboard arithmetic", () => {
  // Property 42: Revenue Growth Calculation
  test.prop([rupiah, previousRupiah], { numRuns: 500 })(
    "growth is ((current − previous) / previous) · 100, rounded to 2 decimals",
    (current, previous) => {
      const g = revenueGrowth(current, previous);
      expect(g.growthNote).toBeNull();
      expect(isRoundedPercent(g.growthPercent ?? Number.NaN, current - previous, previous)).toBe(true);
      // and it agrees with the plain float formula to within the rounding
      expect(Math.abs((g.growthPercent ?? 0) - ((current - previous) / previous) * 100)).toBeLessThanOrEqual(
        0.005 + 1e-9,
      );
    },
  );

  // Property 42: Revenue Growth Calculation (zero previous month)
  test.prop([rupiah], { numRuns: 100 })("growth from a month without revenue is null, with a note", (current) => {
    expect(revenueGrowth(current, 0)).toEqual({ growthPercent: null, growthNote: "no_revenue_previous_month" });
  });

  // Property 43: Bandwidth Usage Percentage Calculation
  // Capacities are whole Mbps (≥ 10^6 bps); rates up to 10 Tbps.
  test.prop([fc.integer({ min: 0, max: 10 ** 13 }), fc.integer({ min: 10 ** 6, max: 10 ** 13 })], { numRuns: 500 })(
    "usage is used / total · 100, rounded to 2 decimals",
    (used, total) => {
      const pct = usagePercent(used, total);
      expect(pct).not.toBeNull();
      expect(isRoundedPercent(pct ?? Number.NaN, used, total)).toBe(true);
    },
  );

  it("rounds halves away from zero and has no capacity → null", () => {
    expect(percentOf(1, 8)).toBe(12.5);
    expect(percentOf(1, 3)).toBe(33.33);
    expect(percentOf(2, 3)).toBe(66.67);
    expect(percentOf(1, 80_000)).toBe(0); // 0.00125 %
    expect(percentOf(1, 20_000)).toBe(0.01); // 0.005 % → half up
    expect(percentOf(-1, 20_000)).toBe(-0.01);
    expect(usagePercent(5, 0)).toBeNull();
  });
});
