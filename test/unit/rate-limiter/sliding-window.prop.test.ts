import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { bucketSize, consume, type WindowState } from "../../../durable-objects/rate-limiter/sliding-window";

const rule = fc.record({ limit: fc.integer({ min: 1, max: 20 }), windowMs: fc.integer({ min: 10, max: 60_000 }) });
/** Requests as gaps between arrivals (relative to the window) and costs; many arrive together. */
const stream = fc.array(
  fc.record({ gap: fc.double({ min: 0, max: 0.6, noNaN: true }), cost: fc.integer({ min: 0, max: 3 }) }),
  { minLength: 1, maxLength: 80 },
);
const start = fc.integer({ min: 1_600_000_000_000, max: 1_900_000_000_000 });

interface Outcome {
  at: number;
  cost: number;
  allowed: boolean;
  remaining: number;
  retryAfterMs: number;
  state: WindowState;
  before: WindowState | undefined;
}

function run(r: { limit: number; windowMs: number }, events: { gap: number; cost: number }[], t0: number): Outcome[] {
  let state: WindowState | undefined;
  let now = t0;
  return events.map((e) => {
    now += Math.floor(e.gap * r.windowMs);
    const before = state;
    const { state: next, decision } = consume(state, now, { ...r, cost: e.cost });
    state = next;
    return { at: now, cost: e.cost, before, state: next, ...decision };
  });
}

describe("sliding-window counter (durable-objects/rate-limiter/sliding-window.ts)", () => {
  // Property 50: Rate Limit Enforcement
  test.prop([rule, stream, start], { numRuns: 300 })(
    "no span of windowMs ever holds more than `limit` allowed units, and what is over the limit is refused",
    (r, events, t0) => {
      const out = run(r, events, t0);
      const allowed = out.filter((o) => o.allowed);
      for (const o of allowed) {
        const inWindow = allowed.filter((p) => p.at >= o.at - r.windowMs && p.at <= o.at);
        expect(inWindow.reduce((n, p) => n + p.cost, 0)).toBeLessThanOrEqual(r.limit);
      }
      // And the refusals are justified: within one bucket of slack the window really was full.
      const slack = bucketSize(r.windowMs);
      for (const o of out.filter((x) => !x.allowed)) {
        const used = allowed.filter((p) => p.at < o.at + 1 && p.at > o.at - r.windowMs - slack);
        expect(used.reduce((n, p) => n + p.cost, 0) + o.cost).toBeGreaterThan(r.limit);
      }
    },
  );

  // Property 50: Rate Limit Enforcement
  test.prop([rule, stream, start], { numRuns: 300 })(
    "Retry-After is exact: refused until then, allowed from then on; remaining counts down to 0",
    (r, events, t0) => {
      for (const o of run(r, events, t0)) {
        expect(o.remaining).toBeGreaterThanOrEqual(0);
        expect(o.remaining).toBeLessThanOrEqual(r.limit);
        if (o.allowed) {
          expect(o.retryAfterMs).toBe(0);
          continue;
        }
        expect(o.retryAfterMs).toBeGreaterThan(0);
        expect(o.remaining).toBeLessThan(o.cost);
        if (o.cost > r.limit) continue; // never fits (its own property below)
        expect(consume(o.state, o.at + o.retryAfterMs - 1, { ...r, cost: o.cost }).decision.allowed).toBe(false);
        expect(consume(o.state, o.at + o.retryAfterMs, { ...r, cost: o.cost }).decision.allowed).toBe(true);
      }
    },
  );

  // Property 50: Rate Limit Enforcement
  test.prop([rule, start], { numRuns: 200 })(
    "a burst of limit + k requests at one instant: exactly `limit` pass, the rest wait a full window",
    (r, t0) => {
      const out = run(
        r,
        Array.from({ length: r.limit + 5 }, () => ({ gap: 0, cost: 1 })),
        t0,
      );
      expect(out.filter((o) => o.allowed)).toHaveLength(r.limit);
      expect(out.slice(r.limit).every((o) => !o.allowed && o.remaining === 0)).toBe(true);
      const wait = out[r.limit]?.retryAfterMs ?? 0;
      expect(wait).toBeGreaterThan(r.windowMs);
      expect(wait).toBeLessThanOrEqual(r.windowMs + bucketSize(r.windowMs));
    },
  );

  test.prop([rule, start], { numRuns: 100 })("a cost above the limit is never allowed", (r, t0) => {
    const { decision } = consume(undefined, t0, { ...r, cost: r.limit + 1 });
    expect(decision.allowed).toBe(false);
    expect(decision.retryAfterMs).toBeGreaterThan(0);
  });
});
