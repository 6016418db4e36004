import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { applyBlock, type BlockState, blockedForMs } from "../../../durable-objects/rate-limiter/blocks";
import { type FailureLog, recordFailure } from "../../../durable-objects/rate-limiter/suspicion";

const policy = fc.record({
  windowMs: fc.integer({ min: 1_000, max: 3_600_000 }),
  maxAccounts: fc.integer({ min: 2, max: 8 }),
  maxFailures: fc.integer({ min: 3, max: 30 }),
});
const blockPolicy = fc.record({
  baseMs: fc.integer({ min: 1_000, max: 3_600_000 }),
  maxMs: fc.integer({ min: 3_600_000, max: 86_400_000 }),
  decayMs: fc.integer({ min: 3_600_000, max: 86_400_000 }),
});
const T0 = 1_700_000_000_000;

describe("suspicious sign-ins and blocks (durable-objects/rate-limiter/{suspicion,blocks}.ts)", () => {
  // Property 51: IP Blocking on Suspicious Activity
  test.prop([policy.filter((p) => p.maxFailures > p.maxAccounts), fc.integer({ min: 0, max: 5 })], { numRuns: 200 })(
    "failures against maxAccounts distinct accounts within the window are suspicious, and not one failure earlier",
    (p, repeats) => {
      let log: FailureLog | undefined;
      const verdicts: boolean[] = [];
      // All but the last account tried a few times each (staying under maxFailures), then the last one once.
      const tries = Math.min(1 + repeats, Math.floor((p.maxFailures - 2) / (p.maxAccounts - 1)));
      const accounts = Array.from({ length: p.maxAccounts - 1 }, (_, a) => Array(tries).fill(`acct-${a}`)).flat();
      for (const account of [...accounts, "acct-last"]) {
        const r = recordFailure(log, T0 + verdicts.length, account, p);
        log = r.log;
        verdicts.push(r.suspicious);
      }
      expect(verdicts.at(-1)).toBe(true);
      expect(verdicts.slice(0, -1).every((v) => !v)).toBe(true);
    },
  );

  // Property 51: IP Blocking on Suspicious Activity
  test.prop([policy, fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 60 })], { numRuns: 200 })(
    "flagged exactly when the live failures (since the last flag) reach a threshold; failures outside the window are forgotten",
    (p, gapsInTenths) => {
      let log: FailureLog | undefined;
      let now = T0;
      let since: { at: number; account: string }[] = [];
      gapsInTenths.forEach((g, i) => {
        now += Math.floor((g / 10) * p.windowMs);
        const account = `acct-${i % (p.maxAccounts + 1)}`;
        const r = recordFailure(log, now, account, p);
        since = [...since.filter((f) => f.at > now - p.windowMs), { at: now, account }];
        const expected = new Set(since.map((f) => f.account)).size >= p.maxAccounts || since.length >= p.maxFailures;
        expect(r.suspicious).toBe(expected);
        if (r.suspicious) since = [];
        log = r.log;
        expect(log.entries.length).toBeLessThan(p.maxFailures);
      });
    },
  );

  // Property 51: IP Blocking on Suspicious Activity
  test.prop([blockPolicy, fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 12 })], {
    numRuns: 200,
  })(
    "a block holds for its whole duration; repeated blocks double it (capped); a long good spell forgets the strikes",
    (bp, delaysPercent) => {
      let state: BlockState | undefined;
      let now = T0;
      let previous = 0;
      for (const d of delaysPercent) {
        // The next block comes while blocked or shortly after (within the decay time).
        now = state ? state.until + Math.floor(((d - 50) / 100) * Math.min(previous, bp.decayMs)) : now;
        const before = state;
        state = applyBlock(state, now, bp);
        const expectedStrikes = before && now - before.until < bp.decayMs ? before.strikes + 1 : 1;
        expect(state.strikes).toBe(Math.min(32, expectedStrikes));
        const duration = Math.min(bp.maxMs, bp.baseMs * 2 ** (state.strikes - 1));
        expect(blockedForMs(state, now)).toBeGreaterThanOrEqual(duration);
        expect(blockedForMs(state, now + duration - 1)).toBeGreaterThan(0);
        expect(blockedForMs(state, state.until)).toBe(0);
        previous = duration;
      }
      const forgiven = applyBlock(state, (state as BlockState).until + bp.decayMs, bp);
      expect(forgiven.strikes).toBe(1);
      expect(blockedForMs(forgiven, (state as BlockState).until + bp.decayMs)).toBe(bp.baseMs);
    },
  );
});
