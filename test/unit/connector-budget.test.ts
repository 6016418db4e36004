import { describe, expect, it } from "vitest";
import {
  ConnectorBudget,
  frameRate,
  HELLO_RATE,
  LOAD_MAX_AGE_MS,
} from "../../durable-objects/connector-gateway/budget";
import type { Sample, Samples } from "../../src/protocol";
import { MIN_SAMPLES_PER_MINUTE, samplesPerMinute } from "../../src/services/monitoring/limits";

/** A budget on an in-memory store and a clock the test moves. */
function budget(start = Date.UTC(2026, 11, 8, 12)) {
  let stored: string | null = null;
  const clock = { now: start };
  const store = {
    get: () => stored,
    set: (v: string) => {
      stored = v;
    },
  };
  return { clock, store, b: new ConnectorBudget(store, () => clock.now) };
}

const batch = (n: number, ts: number): Samples => ({
  type: "samples",
  batchId: "b",
  samples: Array.from(
    { length: n },
    (_, i): Sample => ({
      routerId: "00000000-0000-4000-8000-000000000001",
      seq: i,
      ts: new Date(ts).toISOString(),
      customerRef: "00000000-0000-4000-8000-000000000002",
      rxBytes: "1",
      txBytes: "1",
      rxRateBps: 1,
      txRateBps: 1,
    }),
  ),
});

const limits = { rawDays: 7, floor: MIN_SAMPLES_PER_MINUTE };

describe("ConnectorBudget (injected clock)", () => {
  it("refills the samples budget over the minute: refused now, taken after the wait it names", () => {
    const { clock, b } = budget();
    expect(b.samples(batch(8_000, clock.now - 1000), limits)).toEqual({ ok: true });
    const refused = b.samples(batch(4_000, clock.now - 1000), limits);
    expect(refused).toMatchObject({ ok: false, code: "sample_budget", retryable: true });
    const wait = refused.ok ? 0 : (refused.retryAfterMs ?? 0);
    expect(wait).toBe(12_000); // 2 000 missing at 10 000 a minute
    clock.now += wait - 100;
    expect(b.samples(batch(4_000, clock.now - 1000), limits).ok).toBe(false);
    clock.now += 100;
    expect(b.samples(batch(4_000, clock.now - 1000), limits)).toEqual({ ok: true });
  });

  it("sizes the samples budget from the connector's customers at the shortest interval, with headroom", () => {
    const { clock, b } = budget();
    b.setLoad({ routers: 4, customers: 2_000 });
    // 2 000 customers every 10 s is 12 000 a minute; three times that may come at once.
    expect(samplesPerMinute(2_000)).toBe(36_000);
    expect(b.samples(batch(36_000, clock.now), limits)).toEqual({ ok: true });
    expect(b.samples(batch(1, clock.now), limits)).toMatchObject({ ok: false, code: "sample_budget" });
    // The default 30 s interval makes 4 000 a minute: a healthy connector never waits.
    const healthy = budget();
    healthy.b.setLoad({ routers: 4, customers: 2_000 });
    for (let poll = 0; poll < 100; poll++) {
      healthy.clock.now += 10_000; // even at the shortest interval
      expect(healthy.b.samples(batch(2_000, healthy.clock.now), limits)).toEqual({ ok: true });
    }
  });

  it("frames: a burst of 100 + 2 per router, then 10 + one per two routers a second", () => {
    const { clock, b } = budget();
    b.setLoad({ routers: 10, customers: 0 });
    const rate = frameRate(10);
    for (let i = 0; i < rate.burst; i++) expect(b.frame().ok).toBe(true);
    const refused = b.frame();
    expect(refused).toMatchObject({ ok: false, code: "frame_rate", retryAfterMs: 67 });
    clock.now += 67;
    expect(b.frame().ok).toBe(true);
  });

  it("hello: six at once, then one every 10 s", () => {
    const { clock, b } = budget();
    for (let i = 0; i < HELLO_RATE.burst; i++) expect(b.hello().ok).toBe(true);
    expect(b.hello()).toMatchObject({ ok: false, code: "hello_rate", retryAfterMs: 10_000 });
    clock.now += 10_000;
    expect(b.hello().ok).toBe(true);
    expect(b.hello().ok).toBe(false);
  });

  it("keeps its state in the store: a new instance (after hibernation) does not start full", () => {
    const { clock, store, b } = budget();
    for (let i = 0; i < HELLO_RATE.burst; i++) b.hello();
    const again = new ConnectorBudget(store, () => clock.now);
    expect(again.hello().ok).toBe(false);
  });

  it("refuses timestamps outside [now - retention, now + 5 min] and batches larger than the budget, without spending it", () => {
    const { clock, b } = budget();
    const day = 86_400_000;
    expect(b.samples(batch(1, clock.now + 5 * 60_000 + 1), limits)).toMatchObject({ code: "timestamp_range" });
    expect(b.samples(batch(1, clock.now - 7 * day - 1), limits)).toMatchObject({ code: "timestamp_range" });
    expect(b.samples(batch(MIN_SAMPLES_PER_MINUTE + 1, clock.now), limits)).toMatchObject({
      code: "too_large",
      retryable: false,
    });
    expect(b.samples(batch(1, clock.now + 5 * 60_000), limits)).toEqual({ ok: true });
    expect(b.samples(batch(MIN_SAMPLES_PER_MINUTE - 1, clock.now - 7 * day), limits)).toEqual({ ok: true });
  });

  it("asks for a fresh count of routers and customers every few minutes", () => {
    const { clock, b } = budget();
    expect(b.loadStale()).toBe(true);
    b.setLoad({ routers: 1, customers: 1 });
    expect(b.loadStale()).toBe(false);
    clock.now += LOAD_MAX_AGE_MS + 1;
    expect(b.loadStale()).toBe(true);
  });
});
