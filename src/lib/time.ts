/**
 * Tenant time-zone helpers. Instants are `Date`s (UTC); calendar dates are `YYYY-MM-DD` strings and
 * billing periods `YYYY-MM` strings, both meant in the tenant's IANA zone. Billing days, due dates
 * and "this month" are calendar notions of the tenant (an invoice due on the 15th in Jayapura is due
 * on the 15th there, whatever the UTC date is), so they never go through UTC midnights.
 */

export const PERIOD_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;
export const DATE_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Formatters are immutable and costly to build: one per zone, kept for the isolate's life. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall-clock reading in `timeZone` at `instant`. */
export function wallTime(instant: Date, timeZone: string): WallTime {
  const out: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) {
    if (p.type !== "literal") out[p.type] = Number(p.value);
  }
  return {
    year: out.year ?? 0,
    month: out.month ?? 0,
    day: out.day ?? 0,
    hour: out.hour ?? 0,
    minute: out.minute ?? 0,
    second: out.second ?? 0,
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

export function formatDate(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** The calendar date in `timeZone` at `instant`. */
export function localDate(instant: Date, timeZone: string): string {
  const w = wallTime(instant, timeZone);
  return formatDate(w.year, w.month, w.day);
}

/** The billing period (month) in `timeZone` at `instant`. */
export function localPeriod(instant: Date, timeZone: string): string {
  return localDate(instant, timeZone).slice(0, 7);
}

/** How far the zone's wall clock is ahead of UTC at `instant`, in ms (whole seconds). */
export function zoneOffsetMs(instant: Date, timeZone: string): number {
  const w = wallTime(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/**
 * The instant the calendar day `date` begins in `timeZone`: local midnight, or — where a
 * daylight-saving jump skips midnight — the first instant of that day. The zone's offsets half a
 * day before and after give the only two candidates; the earlier one that falls on `date` wins.
 */
export function zonedStartOfDay(date: string, timeZone: string): Date {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d);
  const halfDay = 12 * 3_600_000;
  const candidates = [
    guess - zoneOffsetMs(new Date(guess - halfDay), timeZone),
    guess - zoneOffsetMs(new Date(guess + halfDay), timeZone),
  ].sort((a, b) => a - b);
  const start = candidates.find((t) => localDate(new Date(t), timeZone) === date) ?? candidates[1] ?? guess;
  return new Date(start);
}

/** `period` shifted by `months` (negative: back). */
export function shiftPeriod(period: string, months: number): string {
  const [y, m] = period.split("-").map(Number) as [number, number];
  const index = y * 12 + (m - 1) + months;
  return `${pad(Math.floor(index / 12), 4)}-${pad((index % 12) + 1)}`;
}

/** The instants `[start, end)` of a period in `timeZone`: "this month" for revenue and reports. */
export function periodRange(period: string, timeZone: string): { start: Date; end: Date } {
  return {
    start: zonedStartOfDay(`${period}-01`, timeZone),
    end: zonedStartOfDay(`${shiftPeriod(period, 1)}-01`, timeZone),
  };
}

export function daysInMonth(period: string): number {
  const [y, m] = period.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * The due date of `period` for a customer billed on `billingDay`: that day of the period's month,
 * as a calendar date (Property 19). Billing days are 1–28, so every month has them; a larger day is
 * clamped to the month's last day rather than spilling into the next month.
 */
export function dueDateFor(period: string, billingDay: number): string {
  const day = Math.min(Math.max(1, Math.trunc(billingDay)), daysInMonth(period));
  return `${period}-${pad(day)}`;
}

/** Whether `date` is a real calendar date (not 2026-02-30). */
export function isCalendarDate(date: string): boolean {
  if (!DATE_PATTERN.test(date)) return false;
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return d <= daysInMonth(`${pad(y, 4)}-${pad(m)}`);
}

/** The day after `date`. */
export function nextDate(date: string): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}
