import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { backoffDelay } from "../../src/backoff.ts";

describe("backoffDelay", () => {
  test.prop([
    fc.nat({ max: 10_000 }),
    fc.integer({ min: 0, max: 100_000 }),
    fc.integer({ min: 0, max: 10_000_000 }),
    fc.oneof(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), fc.constantFrom(0, 1)),
  ])("is within [0, min(cap, base·2^attempt)]", (attempt, base, cap, r) => {
    const d = backoffDelay(attempt, base, cap, () => r);
    expect(d).toBeGreaterThanOrEqual(0);
    // base · 2^attempt, with 0 · ∞ taken as 0 (a zero base never waits).
    const ceiling = base === 0 ? 0 : Math.min(cap, base * 2 ** attempt);
    expect(d).toBeLessThanOrEqual(ceiling);
    expect(Number.isInteger(d)).toBe(true);
  });

  test.prop([fc.nat({ max: 60 }), fc.integer({ min: 1, max: 1000 })])(
    "the ceiling grows with the attempt until the cap (full jitter reaches it)",
    (attempt, base) => {
      const cap = 60_000;
      expect(backoffDelay(attempt, base, cap, () => 1)).toBe(Math.min(cap, base * 2 ** attempt));
      expect(backoffDelay(attempt, base, cap, () => 0)).toBe(0);
    },
  );

  test.prop([fc.constantFrom(Number.NaN, -1, 2, Number.POSITIVE_INFINITY)])("survives a broken random source", (r) => {
    const d = backoffDelay(3, 100, 1000, () => r);
    expect(d).toBeGreaterThanOrEqual(0);
    expect(d).toBeLessThanOrEqual(800);
  });
});
