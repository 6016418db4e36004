/**
 * Suspicious sign-in activity from one address, pure: failed logins within `windowMs` against at
 * least `maxAccounts` distinct accounts (credential stuffing, password spraying) or at least
 * `maxFailures` failures in all (brute force). Accounts arrive as opaque hashes, never as emails.
 * Reaching a threshold empties the log: the block that follows is the response, and counting
 * restarts afterwards. The log therefore never holds more than `maxFailures` entries.
 */
export interface SuspicionPolicy {
  windowMs: number;
  maxAccounts: number;
  maxFailures: number;
}

export interface FailureLog {
  /** `[time ms, account hash]`, oldest first. */
  entries: [at: number, account: string][];
}

export function recordFailure(
  log: FailureLog | undefined,
  now: number,
  account: string,
  policy: SuspicionPolicy,
): { log: FailureLog; suspicious: boolean } {
  const entries: FailureLog["entries"] = [...live(log, now, policy.windowMs), [now, account]];
  const accounts = new Set(entries.map(([, a]) => a)).size;
  const suspicious = accounts >= policy.maxAccounts || entries.length >= policy.maxFailures;
  return { log: { entries: suspicious ? [] : entries }, suspicious };
}

/** Failures still inside the window at `now`. */
export function live(log: FailureLog | undefined, now: number, windowMs: number): FailureLog["entries"] {
  return (log?.entries ?? []).filter(([at]) => at > now - windowMs);
}
