import { env } from "cloudflare:workers";
import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";

const limiter = () => env.RATE_LIMITER.getByName(`prop:${crypto.randomUUID()}`);
const MINUTE = 60_000;

/** Property 50 is checked on the pure window (test/unit) and through the app (test/routes/rate-limits). */
describe("RateLimiter Durable Object, properties", () => {
  // Property 51: IP Blocking on Suspicious Activity
  test.prop(
    [
      fc.integer({ min: 2, max: 4 }),
      fc.integer({ min: 1, max: 2 }),
      fc.integer({ min: 60, max: 3_600 }),
      fc.integer({ min: 1, max: 3 }),
    ],
    { numRuns: 100 },
  )(
    "failed sign-ins against N distinct accounts block the address; each repeat doubles the block (capped)",
    async (maxAccounts, triesEach, blockSeconds, rounds) => {
      const stub = limiter();
      const block = { baseMs: blockSeconds * 1000, maxMs: 4 * 3_600_000, decayMs: 86_400_000 };
      const suspicion = { windowMs: 15 * MINUTE, maxAccounts, maxFailures: maxAccounts * triesEach + 100 };
      for (let round = 1; round <= rounds; round++) {
        const statuses = [];
        for (let a = 0; a < maxAccounts; a++) {
          for (let k = 0; k < (a === maxAccounts - 1 ? 1 : triesEach); k++) {
            statuses.push(await stub.loginFailed({ account: `r${round}-acct-${a}`, suspicion, block }));
          }
        }
        expect(statuses.slice(0, -1).every((s) => round > 1 || !s.blocked)).toBe(true);
        const last = statuses.at(-1);
        const expected = Math.min(block.maxMs, block.baseMs * 2 ** (round - 1));
        expect(last).toMatchObject({ blocked: true, strikes: round });
        expect(last?.blockedForMs).toBeGreaterThanOrEqual(expected - 1_000);
        const refused = await stub.limit({ key: "ip", limit: 1_000, windowMs: MINUTE });
        expect(refused).toMatchObject({ allowed: false, blocked: true });
        expect(refused.retryAfterMs).toBeGreaterThan(expected - 5_000);
      }
    },
  );
});
