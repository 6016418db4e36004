/**
 * Temporary blocks with exponential backoff, pure. Each block is a "strike": the first lasts
 * `baseMs`, every further one twice the previous, up to `maxMs`. Strikes are forgotten once an
 * address has been unblocked for `decayMs`, so an address that behaved for a day starts over.
 */
export interface BlockPolicy {
  baseMs: number;
  maxMs: number;
  decayMs: number;
}

export interface BlockState {
  /** Blocked while `now < until`. */
  until: number;
  strikes: number;
}

/** More strikes than this cannot lengthen a block anyway (2^32 × any base exceeds any max). */
const MAX_STRIKES = 32;

export function applyBlock(state: BlockState | undefined, now: number, policy: BlockPolicy): BlockState {
  const remembered = state !== undefined && now - state.until < policy.decayMs;
  const strikes = Math.min(MAX_STRIKES, remembered ? state.strikes + 1 : 1);
  const durationMs = Math.min(policy.maxMs, policy.baseMs * 2 ** (strikes - 1));
  return { until: Math.max(remembered ? state.until : 0, now + durationMs), strikes };
}

/** Milliseconds the address stays blocked (0 when it is not blocked). */
export function blockedForMs(state: BlockState | undefined, now: number): number {
  return state ? Math.max(0, state.until - now) : 0;
}

/** Whether the state still matters at `now` (a block in force, or strikes not yet forgotten). */
export function blockMatters(state: BlockState, now: number, policy: Pick<BlockPolicy, "decayMs">): boolean {
  return now - state.until < policy.decayMs;
}
