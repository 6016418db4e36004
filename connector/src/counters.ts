/**
 * RouterOS queue counters are cumulative (`bytes=up/down`) and restart at zero when the router reboots
 * or the PPPoE session (and with it the dynamic queue) is re-created. Traffic between two readings:
 * - counter went up (or stayed): the difference;
 * - counter went down: it was reset in between, and everything it counts now is new traffic, so the
 *   new value. Never negative: a reset is not negative traffic.
 * Traffic between the last reading before a reset and the reset itself is unknowable and not counted.
 */
export function counterDelta(previous: bigint, current: bigint): bigint {
  if (current < 0n) return 0n;
  return current >= previous ? current - previous : current;
}

/** `123/456` → [123n, 456n]; `undefined` for anything else. */
export function parseCounterPair(text: string | undefined): [bigint, bigint] | undefined {
  const m = /^(\d{1,20})\/(\d{1,20})$/.exec(text ?? "");
  return m ? [BigInt(m[1] ?? "0"), BigInt(m[2] ?? "0")] : undefined;
}

/** A rate pair (`up/down`, bits per second) as numbers, 0 for anything unreadable. */
export function parseRatePair(text: string | undefined): [number, number] {
  const pair = parseCounterPair(text);
  const clamp = (v: bigint) => (v > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(v));
  return pair ? [clamp(pair[0]), clamp(pair[1])] : [0, 0];
}
