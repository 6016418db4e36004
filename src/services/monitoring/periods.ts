/**
 * Pure window math of the monitoring queries. Short periods read raw samples; 7d and 30d read the
 * hourly roll-ups for whole hours up to one hour before the current one (so a roll-up run that is
 * a little late changes nothing) and raw samples after that.
 */
export const PERIODS = ["1h", "24h", "7d", "30d"] as const;
export type Period = (typeof PERIODS)[number];

const HOUR = 3_600_000;
const DURATION: Record<Period, number> = { "1h": HOUR, "24h": 24 * HOUR, "7d": 168 * HOUR, "30d": 720 * HOUR };

export interface Window {
  from: Date;
  to: Date;
  /** Roll-ups cover [from, rawFrom); raw samples [rawFrom, to]. Equal to `from` for raw-only periods. */
  rawFrom: Date;
  /** Width of a point of the series. */
  step: "minute" | "hour" | "day";
}

export function floorHour(t: Date): Date {
  return new Date(Math.floor(t.getTime() / HOUR) * HOUR);
}

export function periodWindow(period: Period, now: Date): Window {
  if (period === "1h" || period === "24h") {
    const from = new Date(now.getTime() - DURATION[period]);
    return { from, to: now, rawFrom: from, step: period === "1h" ? "minute" : "hour" };
  }
  const hour = floorHour(now);
  return {
    from: new Date(hour.getTime() - DURATION[period]),
    to: now,
    rawFrom: new Date(hour.getTime() - HOUR),
    step: period === "7d" ? "hour" : "day",
  };
}

/** Average rate in bits per second of `bytes` over the window. */
export function averageBps(bytes: number, w: Pick<Window, "from" | "to">): number {
  const seconds = Math.max(1, (w.to.getTime() - w.from.getTime()) / 1000);
  return Math.round((bytes * 8) / seconds);
}
