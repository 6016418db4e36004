import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import {
  dueDateFor,
  isCalendarDate,
  localDate,
  localPeriod,
  nextDate,
  periodRange,
  shiftPeriod,
  zonedStartOfDay,
} from "../../src/lib/time";

/** Indonesia has no daylight saving: each zone is a fixed offset, an oracle independent of Intl. */
const FIXED = { "Asia/Jakarta": 7, "Asia/Pontianak": 7, "Asia/Makassar": 8, "Asia/Jayapura": 9 } as const;
/** Zones with daylight saving, half-hour and 45-minute offsets, and a DST change at midnight. */
const ANY_ZONE = [
  ...Object.keys(FIXED),
  "UTC",
  "Europe/Berlin",
  "America/New_York",
  "Asia/Kathmandu",
  "Australia/Lord_Howe",
  "America/Santiago",
];
const instant = fc.date({
  min: new Date("2000-01-01T00:00:00Z"),
  max: new Date("2040-12-31T23:59:59Z"),
  noInvalidDate: true,
});
const period = fc
  .record({ y: fc.integer({ min: 2000, max: 2040 }), m: fc.integer({ min: 1, max: 12 }) })
  .map(({ y, m }) => `${y}-${String(m).padStart(2, "0")}`);

describe("tenant time-zone helpers", () => {
  // Property 19: Due Date Calculation Consistency (unit: local date and month of an instant in an Indonesian zone)
  test.prop([fc.constantFrom(...(Object.keys(FIXED) as (keyof typeof FIXED)[])), instant], { numRuns: 200 })(
    "localDate/localPeriod agree with the zone's fixed UTC offset",
    (tz, t) => {
      const shifted = new Date(t.getTime() + FIXED[tz] * 3_600_000).toISOString();
      expect(localDate(t, tz)).toBe(shifted.slice(0, 10));
      expect(localPeriod(t, tz)).toBe(shifted.slice(0, 7));
    },
  );

  // Property 19: Due Date Calculation Consistency (unit: where a local day starts, in any zone)
  test.prop([fc.constantFrom(...ANY_ZONE), instant], { numRuns: 200 })(
    "every instant lies in [start of its local day, start of the next local day)",
    (tz, t) => {
      const day = localDate(t, tz);
      const start = zonedStartOfDay(day, tz);
      const next = zonedStartOfDay(nextDate(day), tz);
      expect(start.getTime()).toBeLessThanOrEqual(t.getTime());
      expect(t.getTime()).toBeLessThan(next.getTime());
      expect(localDate(start, tz)).toBe(day);
      expect(localDate(new Date(start.getTime() - 1), tz)).not.toBe(day);
    },
  );

  // Property 19: Due Date Calculation Consistency (unit: billing day d in zone Z is that calendar date of the local month)
  test.prop([fc.constantFrom(...ANY_ZONE), instant, fc.integer({ min: 1, max: 28 })], { numRuns: 200 })(
    "dueDateFor(local month, d) is day d of the tenant's current month, and that day exists there",
    (tz, t, d) => {
      const due = dueDateFor(localPeriod(t, tz), d);
      expect(isCalendarDate(due)).toBe(true);
      expect(due.slice(0, 7)).toBe(localPeriod(t, tz));
      expect(Number(due.slice(8))).toBe(d);
      expect(localDate(zonedStartOfDay(due, tz), tz)).toBe(due);
    },
  );

  test.prop([period, fc.integer({ min: -240, max: 240 }), fc.constantFrom(...ANY_ZONE)], { numRuns: 100 })(
    "shiftPeriod is invertible and consecutive periods tile time without gaps",
    (p, k, tz) => {
      expect(shiftPeriod(shiftPeriod(p, k), -k)).toBe(p);
      const { start, end } = periodRange(p, tz);
      expect(end.getTime()).toBe(periodRange(shiftPeriod(p, 1), tz).start.getTime());
      expect(localPeriod(start, tz)).toBe(p);
      expect(localPeriod(new Date(end.getTime() - 1), tz)).toBe(p);
    },
  );

  it("names local midnights, and the first instant of a day whose midnight daylight saving skips", () => {
    expect(zonedStartOfDay("2026-11-15", "Asia/Jakarta").toISOString()).toBe("2026-11-14T17:00:00.000Z");
    expect(zonedStartOfDay("2026-11-15", "Asia/Jayapura").toISOString()).toBe("2026-11-14T15:00:00.000Z");
    expect(zonedStartOfDay("2026-03-29", "Europe/Berlin").toISOString()).toBe("2026-03-28T23:00:00.000Z");
    // Chile springs forward at midnight: 2035-09-02 begins at 01:00 local (-03), i.e. 04:00 UTC.
    expect(zonedStartOfDay("2035-09-02", "America/Santiago").toISOString()).toBe("2035-09-02T04:00:00.000Z");
  });
});
