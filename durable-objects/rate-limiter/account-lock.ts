import { applyBlock, type BlockPolicy, type BlockState, blockedForMs } from "./blocks";

/**
 * Sign-in attempts on one account (spec "Exponential backoff on repeated failures"), pure: the
 * per-address limits cannot see many addresses guessing one password. `maxAttempts` attempts
 * within `windowMs` lock the account for `block.baseMs`, doubled on every repeat (strikes are
 * forgotten after `block.decayMs` without a lock), capped at `block.maxMs`, so a stranger can
 * delay the real user but never shut them out for longer than the cap. A successful sign-in ends it
 * all (`accountSignedIn`): only the real password gets there, and only while not locked.
 *
 * An attempt counts when it starts, not when it has failed: the object answers one call at a time,
 * so a burst from many addresses gets exactly `maxAttempts` password checks, not as many as arrive
 * before the first failure is recorded. A success then takes the count back with the rest.
 */
export interface AccountLockPolicy {
  windowMs: number;
  maxAttempts: number;
  block: BlockPolicy;
}

export interface AccountLockState {
  /** Epoch ms of the attempts since the last lock or success, oldest first. */
  attempts: number[];
  lock?: BlockState;
  /** Names the latest lock for its unlock link (set by the object when the lock starts): good once. */
  unlockId?: string;
}

export interface AccountAttempt {
  state: AccountLockState;
  allowed: boolean;
  /** While refused: until the lock ends. */
  retryAfterMs: number;
  /** Locks so far that are not forgotten (0: never locked). */
  strikes: number;
  /** This attempt started a new lock (the one moment to send the owner an unlock link). */
  lockedNow: boolean;
}

export function accountAttempt(
  state: AccountLockState | undefined,
  now: number,
  policy: AccountLockPolicy,
): AccountAttempt {
  const lock = state?.lock;
  const lockedMs = blockedForMs(lock, now);
  if (state && lockedMs > 0) {
    return { state, allowed: false, retryAfterMs: lockedMs, strikes: lock?.strikes ?? 0, lockedNow: false };
  }
  const attempts = [...(state?.attempts ?? []).filter((at) => at > now - policy.windowMs), now];
  if (attempts.length < policy.maxAttempts) {
    return {
      state: { ...state, attempts },
      allowed: true,
      retryAfterMs: 0,
      strikes: lock?.strikes ?? 0,
      lockedNow: false,
    };
  }
  // This attempt still goes ahead (it was not refused when it started); the ones after it wait.
  const next = applyBlock(lock, now, policy.block);
  return {
    state: { attempts: [], lock: next },
    allowed: true,
    retryAfterMs: 0,
    strikes: next.strikes,
    lockedNow: true,
  };
}

/** Until when the state matters: a lock or its strikes, or attempts still inside the window. */
export function accountStateMattersUntil(state: AccountLockState, policy: AccountLockPolicy): number {
  const lastAttempt = state.attempts.at(-1) ?? 0;
  return Math.max(lastAttempt + policy.windowMs, state.lock ? state.lock.until + policy.block.decayMs : 0);
}
