import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import {
  formatRateLimit,
  parseRateLimit,
  planRateLimit,
  type RateLimit,
} from "../../../src/services/service-plans/rate-limit";

const mbps = fc.integer({ min: 1, max: 100_000 });
const pair = (v: fc.Arbitrary<number>) => fc.record({ rx: v, tx: v });
const rateLimit: fc.Arbitrary<RateLimit> = fc.record({
  rate: pair(mbps),
  burst: fc.option(
    fc.record({ limit: pair(mbps), threshold: pair(mbps), time: pair(fc.integer({ min: 1, max: 3600 })) }),
    {
      nil: null,
    },
  ),
  priority: fc.integer({ min: 1, max: 8 }),
});

const plan = fc.record({ speedDownloadMbps: mbps, speedUploadMbps: mbps });
const settings = fc.record({
  burstEnabled: fc.boolean(),
  burstLimitMbps: fc.option(mbps, { nil: null }),
  burstThresholdMbps: fc.option(mbps, { nil: null }),
  burstTimeSeconds: fc.option(fc.integer({ min: 1, max: 3600 }), { nil: null }),
  priority: fc.integer({ min: 1, max: 8 }),
});

const FORMAT = /^\d+M\/\d+M( (\d+M\/\d+M|0\/0) (\d+M\/\d+M|0\/0) \d+\/\d+ [1-8])?$/;

describe("RouterOS rate-limit string (pure)", () => {
  test.prop([rateLimit], { numRuns: 200 })("parse(format(r)) gives r back", (r) => {
    expect(parseRateLimit(formatRateLimit(r))).toEqual(r);
  });

  test.prop([rateLimit], { numRuns: 200 })("the format is rx/tx, then burst, threshold, time and priority", (r) => {
    const text = formatRateLimit(r);
    expect(text).toMatch(FORMAT);
    expect(text.startsWith(`${r.rate.rx}M/${r.rate.tx}M`)).toBe(true);
    if (r.burst) expect(text.endsWith(`${r.burst.time.rx}/${r.burst.time.tx} ${r.priority}`)).toBe(true);
    if (!r.burst && r.priority === 8) expect(text.split(" ")).toHaveLength(1);
    if (!r.burst && r.priority !== 8) expect(text.endsWith(` 0/0 0/0 0/0 ${r.priority}`)).toBe(true);
  });

  test.prop([plan, settings], { numRuns: 200 })(
    "a plan's rate limit: rx = upload, tx = download; upload burst figures keep the plan's ratio",
    (p, s) => {
      const r = planRateLimit(p, s);
      expect(r.rate).toEqual({ rx: p.speedUploadMbps, tx: p.speedDownloadMbps });
      expect(r.priority).toBe(s.priority);
      const complete = s.burstEnabled && s.burstLimitMbps && s.burstThresholdMbps && s.burstTimeSeconds;
      if (!complete) {
        expect(r.burst).toBeNull();
        return;
      }
      expect(r.burst?.limit.tx).toBe(s.burstLimitMbps);
      expect(r.burst?.threshold.tx).toBe(s.burstThresholdMbps);
      expect(r.burst?.time).toEqual({ rx: s.burstTimeSeconds, tx: s.burstTimeSeconds });
      for (const [value, scaled] of [
        [s.burstLimitMbps, r.burst?.limit.rx],
        [s.burstThresholdMbps, r.burst?.threshold.rx],
      ] as [number, number][]) {
        // Nearest integer to value × up ÷ down (half up), but never 0 (RouterOS reads 0 as "off").
        const exact2 = 2 * value * p.speedUploadMbps;
        const err2 = Math.abs(2 * scaled * p.speedDownloadMbps - exact2);
        expect(scaled).toBeGreaterThanOrEqual(1);
        if (scaled > 1) expect(err2).toBeLessThanOrEqual(p.speedDownloadMbps);
      }
    },
  );

  it("the documented example", () => {
    const r = planRateLimit(
      { speedUploadMbps: 10, speedDownloadMbps: 20 },
      { burstEnabled: true, burstLimitMbps: 30, burstThresholdMbps: 16, burstTimeSeconds: 10, priority: 8 },
    );
    expect(formatRateLimit(r)).toBe("10M/20M 15M/30M 8M/16M 10/10 8");
  });

  it("refuses what it does not write", () => {
    for (const bad of ["", "10/20", "10M/20M 15M/30M", "10M/20M 1M/1M 1M/1M 1/1 9", "10M/20M  ", "10k/20k"]) {
      expect(() => parseRateLimit(bad), bad).toThrow();
    }
  });
});
