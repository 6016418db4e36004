/**
 * Exponential backoff with full jitter: a delay drawn uniformly from [0, min(cap, base·2^attempt)].
 * Full jitter spreads the reconnects of many connectors after a cloud outage instead of having them
 * all retry in lockstep. Pure: `random` is injected, so it is property-tested.
 */
export function backoffDelay(attempt: number, baseMs: number, capMs: number, random: () => number): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(Math.max(0, attempt), 52));
  const r = random();
  const unit = Number.isFinite(r) ? Math.min(Math.max(r, 0), 1) : 0;
  return Math.floor(unit * Math.max(0, ceiling));
}
