import type { Sample } from "../../protocol";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/**
 * The shortest poll interval a tenant may set (the setting ranges 10–300 s). Budgets are sized for
 * it whatever the tenant chose, so changing the setting never makes a healthy connector hit them.
 */
export const SHORTEST_POLL_INTERVAL_MS = 10_000;

/** A sample may be this far ahead of the cloud's clock (connector clocks drift a little). */
export const MAX_SAMPLE_AHEAD_MS = 5 * MINUTE;

/**
 * The instants a stored sample may carry: from the raw-sample retention cut (anything older would
 * be pruned within the hour, or, far in the past, fill roll-ups nobody reads) to 5 minutes ahead
 * (a sample from the year 2999 would never be pruned).
 */
export function sampleTimeRange(now: number, rawDays: number): { from: number; to: number } {
  return { from: now - rawDays * DAY, to: now + MAX_SAMPLE_AHEAD_MS };
}

/** The first sample outside `sampleTimeRange`, if any. */
export function sampleOutOfRange(samples: readonly Sample[], now: number, rawDays: number): Sample | undefined {
  const { from, to } = sampleTimeRange(now, rawDays);
  return samples.find((s) => {
    const t = Date.parse(s.ts);
    return !(t >= from && t <= to);
  });
}

/** Samples a minute a connector may upload whatever its size (a small network, a backlog after an outage). */
export const MIN_SAMPLES_PER_MINUTE = 10_000;
/**
 * Headroom over what a connector's customers produce at the shortest interval: a connector
 * catching up after an outage uploads its backlog at up to three times its live rate.
 */
const SAMPLE_HEADROOM = 3;

/** Samples per minute a connector may upload: one per customer per shortest interval, times the headroom. */
export function samplesPerMinute(customers: number, floor = MIN_SAMPLES_PER_MINUTE): number {
  return Math.max(floor, Math.ceil(customers * (MINUTE / SHORTEST_POLL_INTERVAL_MS) * SAMPLE_HEADROOM));
}

/** Customers counted at least, so a tenant with none yet still has room (tests, a first router). */
const CAP_MIN_CUSTOMERS = 20;

/**
 * The raw samples a tenant may keep: every customer sampled at the shortest interval for the whole
 * retention window, plus a quarter. A healthy tenant stays well below it (at the default 30 s, a
 * third of it); past it, uploads are refused until retention makes room.
 */
export function tenantSampleCap(customers: number, rawDays: number): number {
  const perCustomer = (rawDays * DAY) / SHORTEST_POLL_INTERVAL_MS;
  return Math.ceil(Math.max(customers, CAP_MIN_CUSTOMERS) * perCustomer * 1.25);
}
