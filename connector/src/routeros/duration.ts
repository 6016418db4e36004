/**
 * RouterOS durations as the API prints them: `1w2d3h4m5s`, `45m10s`, `250ms`, and the older clock form
 * `1d02:03:04` / `02:03:04`. Whole seconds are enough for uptime and health.
 */

const UNIT_SECONDS: Record<string, number> = { w: 604_800, d: 86_400, h: 3_600, m: 60, s: 1, ms: 0.001, us: 0, ns: 0 };

/** Seconds (rounded down), or `undefined` when the text is not a duration. */
export function parseDuration(text: string): number | undefined {
  const clock = /^(?:(\d+)d)?(\d{1,2}):(\d{2}):(\d{2})(?:\.\d+)?$/.exec(text);
  if (clock) {
    const [, d = "0", h = "0", m = "0", s = "0"] = clock;
    return Number(d) * 86_400 + Number(h) * 3_600 + Number(m) * 60 + Number(s);
  }
  if (!/^(?:\d+(?:w|d|h|ms|us|ns|m|s))+$/.test(text)) return undefined;
  let seconds = 0;
  for (const [, n, unit] of text.matchAll(/(\d+)(w|d|h|ms|us|ns|m|s)/g)) {
    seconds += Number(n) * (UNIT_SECONDS[unit ?? "s"] ?? 0);
  }
  return Math.floor(seconds);
}

/** `1w2d3h4m5s` for a number of seconds; `0s` for zero. */
export function formatDuration(totalSeconds: number): string {
  let rest = Math.max(0, Math.floor(totalSeconds));
  let out = "";
  for (const [unit, size] of [
    ["w", 604_800],
    ["d", 86_400],
    ["h", 3_600],
    ["m", 60],
    ["s", 1],
  ] as const) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0) out += `${n}${unit}`;
  }
  return out || "0s";
}
