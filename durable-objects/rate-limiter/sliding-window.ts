/**
 * Sliding-window rate limiting, pure (no clock, no storage: `now` comes in, state goes out).
 *
 * The window is split into `BUCKETS_PER_WINDOW` fixed buckets. A decision counts every bucket that
 * overlaps `[now - windowMs, now]`, the oldest one whole. So no span of `windowMs` ever holds more
 * than `limit` allowed units (the guarantee the tests check), at the price of capacity coming back
 * up to one bucket late. The classic two-counter approximation (previous window weighted by its
 * overlap) lets up to twice the limit through around a window edge; this one never overshoots.
 * Memory is at most `BUCKETS_PER_WINDOW + 1` pairs of numbers per key.
 */
export const BUCKETS_PER_WINDOW = 10;

export interface WindowRule {
  /** Units allowed within any span of `windowMs`. */
  limit: number;
  windowMs: number;
  /** Units this request uses (default 1). A cost above `limit` is never allowed. */
  cost?: number;
}

export interface WindowState {
  bucketMs: number;
  /** `[bucket start ms, units]`, oldest first. */
  buckets: [start: number, units: number][];
}

export interface WindowDecision {
  allowed: boolean;
  limit: number;
  /** Units still available after this decision. */
  remaining: number;
  /** Until everything counted now has left the window (the quota is whole again). */
  resetMs: number;
  /** 0 when allowed; otherwise the shortest wait after which the same request would be allowed. */
  retryAfterMs: number;
}

export function bucketSize(windowMs: number): number {
  return Math.max(1, Math.ceil(windowMs / BUCKETS_PER_WINDOW));
}

/** Decides one request and returns the state to keep. Denied requests use nothing. */
export function consume(
  state: WindowState | undefined,
  now: number,
  rule: WindowRule,
): { state: WindowState; decision: WindowDecision } {
  const cost = rule.cost ?? 1;
  const bucketMs = bucketSize(rule.windowMs);
  // A changed window size starts afresh rather than reinterpreting old buckets.
  const kept = state && state.bucketMs === bucketMs ? live(state.buckets, now, rule.windowMs, bucketMs) : [];
  const used = total(kept);
  const allowed = used + cost <= rule.limit;
  const buckets = allowed && cost > 0 ? add(kept, now, bucketMs, cost) : kept;
  const usedAfter = allowed ? used + cost : used;
  const newest = buckets[buckets.length - 1];
  return {
    state: { bucketMs, buckets },
    decision: {
      allowed,
      limit: rule.limit,
      remaining: Math.max(0, rule.limit - usedAfter),
      resetMs: newest ? expiry(newest[0], bucketMs, rule.windowMs) - now : 0,
      retryAfterMs: allowed ? 0 : waitFor(kept, now, rule, bucketMs, cost),
    },
  };
}

/** Whether any bucket still counts at `now` (else the key can be forgotten). */
export function isEmpty(state: WindowState, now: number, windowMs: number): boolean {
  return live(state.buckets, now, windowMs, state.bucketMs).length === 0;
}

/** Buckets overlapping `[now - windowMs, now]`. */
function live(buckets: WindowState["buckets"], now: number, windowMs: number, bucketMs: number) {
  return buckets.filter(([start]) => expiry(start, bucketMs, windowMs) > now);
}

/** The first instant at which a bucket no longer overlaps the window. */
function expiry(start: number, bucketMs: number, windowMs: number): number {
  return start + bucketMs + windowMs;
}

function total(buckets: WindowState["buckets"]): number {
  let n = 0;
  for (const [, units] of buckets) n += units;
  return n;
}

function add(buckets: WindowState["buckets"], now: number, bucketMs: number, cost: number): WindowState["buckets"] {
  const start = Math.floor(now / bucketMs) * bucketMs;
  const last = buckets[buckets.length - 1];
  if (last && last[0] === start) return [...buckets.slice(0, -1), [start, last[1] + cost]];
  return [...buckets, [start, cost]];
}

/** Walks the buckets oldest first until enough have expired for `cost` to fit. */
function waitFor(buckets: WindowState["buckets"], now: number, rule: WindowRule, bucketMs: number, cost: number) {
  const room = rule.limit - cost;
  if (room < 0) return rule.windowMs + bucketMs; // never fits; tell the client to go away for a window
  let used = total(buckets);
  for (const [start, units] of buckets) {
    if (used <= room) break;
    used -= units;
    if (used <= room) return expiry(start, bucketMs, rule.windowMs) - now;
  }
  return 0;
}
