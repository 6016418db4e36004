import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { parseSince, planReplay, type ReplayPolicy, trimThrough } from "../../../durable-objects/tenant-hub/replay";

/** A model of the buffer: appends and trims by count and age, as the store does. */
function simulate(ops: Array<{ append: number } | { advanceMs: number }>, policy: ReplayPolicy) {
  let latest = 0;
  let now = 0;
  let stored: Array<{ seq: number; at: number }> = [];
  for (const op of ops) {
    if ("append" in op) {
      for (let i = 0; i < op.append; i++) stored.push({ seq: ++latest, at: now });
    } else now += op.advanceMs;
    const expired = stored.filter((r) => r.at < now - policy.maxAgeMs).map((r) => r.seq);
    const through = trimThrough(latest, expired.length ? Math.max(...expired) : null, policy);
    stored = stored.filter((r) => r.seq > through);
  }
  return { latest, stored: stored.map((r) => r.seq) };
}

const ops = fc.array(
  fc.oneof(
    fc.record({ append: fc.integer({ min: 0, max: 12 }) }),
    fc.record({ advanceMs: fc.integer({ min: 0, max: 40 }) }),
  ),
  { maxLength: 20 },
);
const policy = fc.record({ maxEvents: fc.integer({ min: 1, max: 20 }), maxAgeMs: fc.integer({ min: 1, max: 100 }) });

describe("replay window", () => {
  // Property: replay completeness — a replay never skips a missed event; otherwise the client is told (gap)
  test.prop([ops, policy, fc.integer({ min: -3, max: 300 })], { numRuns: 300 })(
    "replay ⇒ every event after `since` is still stored; gap ⇔ one is gone or `since` was never handed out",
    (history, p, since) => {
      const { latest, stored } = simulate(history, p);
      expect(stored.length).toBeLessThanOrEqual(p.maxEvents);
      const plan = planReplay(since, { latestSeq: latest, oldestSeq: stored[0] ?? null });
      const missed = Array.from({ length: Math.max(0, latest - since) }, (_, i) => since + 1 + i);
      if (since < 0 || since > latest) expect(plan.kind).toBe("gap");
      else if (since === latest) expect(plan).toEqual({ kind: "current" });
      else if (missed.every((s) => stored.includes(s))) expect(plan).toEqual({ kind: "replay", after: since });
      else expect(plan.kind).toBe("gap");
    },
  );

  it("parses since strictly", () => {
    expect(["0", "42", "999999999999999"].map(parseSince)).toEqual([0, 42, 999999999999999]);
    expect(["", "-1", "1.5", "1e3", "abc", "1234567890123456", null].map(parseSince)).toEqual(Array(7).fill(undefined));
  });
});
