import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import {
  type AccountLockPolicy,
  type AccountLockState,
  accountAttempt,
  accountStateMattersUntil,
} from "../../../durable-objects/rate-limiter/account-lock";

const policy: fc.Arbitrary<AccountLockPolicy> = fc.record({
  windowMs: fc.integer({ min: 60_000, max: 3_600_000 }),
  maxAttempts: fc.integer({ min: 1, max: 12 }),
  block: fc.record({
    baseMs: fc.integer({ min: 1_000, max: 600_000 }),
    maxMs: fc.integer({ min: 600_000, max: 7_200_000 }),
    decayMs: fc.integer({ min: 3_600_000, max: 86_400_000 }),
  }),
});
const T0 = 1_700_000_000_000;

describe("sign-in attempts per account (durable-objects/rate-limiter/account-lock.ts)", () => {
  // Property 50: Rate Limit Enforcement
  test.prop([policy, fc.integer({ min: 1, max: 10 })], { numRuns: 200 })(
    "maxAttempts attempts pass, then every attempt is refused until the lock ends; each repeat doubles it (capped)",
    (p, rounds) => {
      let state: AccountLockState | undefined;
      let now = T0;
      for (let round = 1; round <= rounds; round++) {
        for (let i = 0; i < p.maxAttempts; i++) {
          const r = accountAttempt(state, now, p);
          expect(r.allowed).toBe(true);
          state = r.state;
          now += 1;
        }
        const duration = Math.min(p.block.maxMs, p.block.baseMs * 2 ** (round - 1));
        const lockedAt = now - 1;
        for (const at of [now, lockedAt + Math.floor(duration / 2), lockedAt + duration - 1]) {
          const refused = accountAttempt(state, at, p);
          expect(refused).toMatchObject({ allowed: false, strikes: round });
          expect(refused.retryAfterMs).toBe(lockedAt + duration - at);
          expect(refused.state).toBe(state); // a refused attempt is not counted
        }
        now = lockedAt + duration; // the lock has just ended: the next round starts
      }
      expect(accountAttempt(state, now, p).allowed).toBe(true);
    },
  );

  // Property 50: Rate Limit Enforcement
  test.prop([policy, fc.array(fc.integer({ min: 0, max: 1_000 }), { minLength: 1, maxLength: 40 })], { numRuns: 200 })(
    "locked exactly when maxAttempts attempts fall inside one window since the last lock; older ones are forgotten",
    (p, gapsPermille) => {
      let state: AccountLockState | undefined;
      let now = T0;
      let live: number[] = [];
      let lockedUntil = 0;
      for (const g of gapsPermille) {
        now += Math.floor((g / 1000) * p.windowMs);
        const r = accountAttempt(state, now, p);
        if (now < lockedUntil) {
          expect(r.allowed).toBe(false);
          continue;
        }
        expect(r.allowed).toBe(true);
        live = [...live.filter((at) => at > now - p.windowMs), now];
        if (live.length >= p.maxAttempts) {
          expect(r.state.lock?.until).toBeGreaterThan(now);
          lockedUntil = r.state.lock?.until ?? 0;
          live = [];
        } else {
          expect(r.state.lock?.until ?? 0).toBe(lockedUntil);
        }
        expect(r.state.attempts).toEqual(live);
        expect(accountStateMattersUntil(r.state, p)).toBeGreaterThanOrEqual(Math.max(now + 1, lockedUntil));
        state = r.state;
      }
    },
  );
});
