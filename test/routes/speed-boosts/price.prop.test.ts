import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { divRoundHalfAwayFromZero, speedBoostPrice } from "../../../src/services/speed-boosts/price";

const rupiah = fc.integer({ min: 1, max: 1_000_000_000 });
const days = fc.integer({ min: 1, max: 30 });

describe("speed boost price (pure)", () => {
  test.prop([fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 1, max: 1000 })], { numRuns: 300 })(
    "n ÷ d is rounded to the nearest integer, halves away from zero",
    (n, d) => {
      const q = divRoundHalfAwayFromZero(n, d);
      const err2 = 2 * (q * d - n); // twice the error, in units of 1/d: exact in integers
      expect(Math.abs(err2)).toBeLessThanOrEqual(d);
      if (Math.abs(err2) === d) expect(Math.sign(err2)).toBe(Math.sign(n)); // a tie goes away from zero
      expect(divRoundHalfAwayFromZero(-n, d)).toBe(-q || 0);
    },
  );

  // Property 33: Speed Boost Price Calculation (the rule)
  test.prop([rupiah, rupiah, days], { numRuns: 300 })(
    "price = round((boost − current) × days ÷ 30) in whole rupiah, never below 0",
    (current, boost, d) => {
      const price = speedBoostPrice(current, boost, d);
      expect(Number.isInteger(price)).toBe(true);
      if (boost <= current) {
        expect(price).toBe(0);
        return;
      }
      const n = (boost - current) * d;
      expect(Math.abs(2 * (price * 30 - n))).toBeLessThanOrEqual(30);
      if (Math.abs(2 * (price * 30 - n)) === 30) expect(price * 30).toBeGreaterThan(n);
      expect(speedBoostPrice(current, boost, Math.min(30, d + 1))).toBeGreaterThanOrEqual(price);
    },
  );

  it("worked examples", () => {
    expect(speedBoostPrice(200_000, 300_000, 7)).toBe(23_333); // 23 333.33…
    expect(speedBoostPrice(100_000, 100_045, 1)).toBe(2); // 1.5 → 2
    expect(speedBoostPrice(150_000, 350_000, 30)).toBe(200_000);
    expect(divRoundHalfAwayFromZero(-45, 30)).toBe(-2);
    expect(divRoundHalfAwayFromZero(-44, 30)).toBe(-1);
  });
});
