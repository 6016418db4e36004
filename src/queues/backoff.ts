/** Queues refuses a `delaySeconds` above 12 hours. */
export const MAX_DELAY_SECONDS = 43_200;

export interface BackoffOptions {
  /** Delay after the first failed attempt. */
  baseSeconds?: number;
  /** Upper bound of any delay (clamped to what Queues accepts). */
  capSeconds?: number;
}

/**
 * Seconds to wait before the next delivery after `attempts` failed attempts (1 = the first one
 * failed): base · 2^(attempts−1), capped. Pure and deterministic (no jitter): messages of one batch
 * already fail at different moments, our volumes are small, and a deterministic delay lets tests
 * assert the exact retry without waiting for it.
 */
export function backoffSeconds(attempts: number, opts: BackoffOptions = {}): number {
  const base = Math.max(1, Math.floor(opts.baseSeconds ?? 30));
  const cap = Math.min(MAX_DELAY_SECONDS, Math.max(base, Math.floor(opts.capSeconds ?? 3_600)));
  const n = Number.isFinite(attempts) ? Math.max(1, Math.floor(attempts)) : 1;
  // 2^(n-1) overflows to Infinity long after it passed any cap; min() keeps it finite.
  return Math.min(cap, base * 2 ** Math.min(n - 1, 40));
}
