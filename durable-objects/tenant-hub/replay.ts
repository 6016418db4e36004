/**
 * The replay window. Every stored event takes the next sequence number (no holes: live-only
 * events, i.e. high-volume samples, take none and are never stored), and the hub keeps the newest
 * `maxEvents` of them for at most `maxAgeMs`. A client reconnecting with `?since=<id>` gets the
 * stored events after it, or a `replay_gap` when some of them are gone (then it refetches).
 */
export interface ReplayPolicy {
  maxEvents: number;
  maxAgeMs: number;
}

/** 500 events or 10 minutes: a page reload, a phone switching networks, a laptop lid closed over lunch is a gap. */
export const REPLAY_POLICY: ReplayPolicy = { maxEvents: 500, maxAgeMs: 10 * 60_000 };

export interface ReplayState {
  /** The last sequence number handed out (0 before the first event). */
  latestSeq: number;
  /** The oldest stored sequence number, or null when nothing is stored. */
  oldestSeq: number | null;
}

export type ReplayPlan =
  | { kind: "current" }
  | { kind: "replay"; after: number }
  | { kind: "gap"; oldestAvailable: number };

/**
 * What a client that last saw `since` needs. A `since` beyond the latest id is a position this hub
 * never handed out (the client talks to a hub whose storage was reset, or made it up): a gap too,
 * so the client resynchronises instead of silently missing events.
 */
export function planReplay(since: number, s: ReplayState): ReplayPlan {
  const oldestAvailable = s.oldestSeq ?? s.latestSeq + 1;
  if (!Number.isSafeInteger(since) || since < 0 || since > s.latestSeq) return { kind: "gap", oldestAvailable };
  if (since === s.latestSeq) return { kind: "current" };
  if (since + 1 < oldestAvailable) return { kind: "gap", oldestAvailable };
  return { kind: "replay", after: since };
}

/**
 * The highest sequence number to delete: everything beyond the newest `maxEvents`, and everything
 * at or before the newest expired event (`newestExpiredSeq`, from `stored_at < now - maxAgeMs`).
 * 0 deletes nothing.
 */
export function trimThrough(latestSeq: number, newestExpiredSeq: number | null, policy = REPLAY_POLICY): number {
  return Math.max(0, latestSeq - policy.maxEvents, newestExpiredSeq ?? 0);
}

/** The `since` query value: a non-negative integer, or undefined when absent or malformed. */
export function parseSince(raw: string | null): number | undefined {
  if (raw === null || !/^\d{1,15}$/.test(raw)) return undefined;
  return Number(raw);
}
