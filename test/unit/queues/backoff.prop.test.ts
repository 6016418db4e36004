import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { backoffSeconds, MAX_DELAY_SECONDS } from "../../../src/queues/backoff";
import { JOB_HANDLERS } from "../../../src/queues/handlers";
import { afterError, JOBS_MAX_RETRIES } from "../../../src/queues/policy";

const opts = fc.record({
  baseSeconds: fc.integer({ min: 1, max: 600 }),
  capSeconds: fc.integer({ min: 1, max: 100_000 }),
});

describe("exponential backoff", () => {
  // Property: backoff is a bounded, non-decreasing doubling
  test.prop([fc.integer({ min: 1, max: 200 }), opts], { numRuns: 200 })(
    "an integer within [base, min(cap, 12 h)], doubling per attempt until the cap",
    (attempts, o) => {
      const d = backoffSeconds(attempts, o);
      const cap = Math.min(MAX_DELAY_SECONDS, Math.max(o.baseSeconds, o.capSeconds));
      expect(Number.isInteger(d)).toBe(true);
      expect(d).toBeGreaterThanOrEqual(Math.min(o.baseSeconds, cap));
      expect(d).toBeLessThanOrEqual(cap);
      const next = backoffSeconds(attempts + 1, o);
      expect(next).toBeGreaterThanOrEqual(d);
      expect(next === cap || next === 2 * d).toBe(true);
    },
  );

  test.prop([fc.oneof(fc.integer({ max: 0 }), fc.constant(Number.NaN), fc.constant(Number.POSITIVE_INFINITY))], {
    numRuns: 100,
  })("nonsense attempt counts are treated as the first attempt or the cap, never NaN", (attempts) => {
    const d = backoffSeconds(attempts);
    expect(Number.isFinite(d)).toBe(true);
    expect(d).toBe(30);
  });

  it("defaults: 30 s, 60 s, 120 s … capped at one hour", () => {
    expect([1, 2, 3, 4, 8, 50].map((n) => backoffSeconds(n))).toEqual([30, 60, 120, 240, 3600, 3600]);
  });
});

describe("retry policy", () => {
  // Property: a failing message is retried with backoff until its attempts are used up, then dead-lettered
  test.prop([fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 10 })], { numRuns: 200 })(
    "retry(backoff(attempts)) below maxAttempts, dead-letter at or above it",
    (attempts, max) => {
      const d = afterError(attempts, max, "boom");
      if (attempts >= max) expect(d).toEqual({ kind: "dead-letter", error: "boom", attempts });
      else
        expect(d).toEqual({
          kind: "retry",
          delaySeconds: backoffSeconds(attempts, { baseSeconds: 30, capSeconds: 3600 }),
          error: "boom",
        });
    },
  );

  it("every handler dead-letters itself before Queues' max_retries would", () => {
    for (const [type, h] of Object.entries(JOB_HANDLERS)) {
      expect(h.maxAttempts, type).toBeLessThanOrEqual(JOBS_MAX_RETRIES + 1);
      expect(h.maxAttempts, type).toBeGreaterThanOrEqual(1);
    }
  });
});
