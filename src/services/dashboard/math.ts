/**
 * `numerator / denominator · 100`, rounded to 2 decimals, half away from zero. Exact: integer
 * inputs (rupiah, bits per second) are scaled in BigInt, so no float error decides a rounding.
 * `denominator` must be positive; the result is exact while |result| · 100 < 2^53.
 */
export function percentOf(numerator: number, denominator: number): number {
  const n = BigInt(numerator) * 10_000n;
  const d = BigInt(denominator);
  let q = n / d;
  const r = n % d;
  if (2n * (r < 0n ? -r : r) >= d) q += n < 0n ? -1n : 1n;
  return Number(q) / 100;
}

export interface Growth {
  growthPercent: number | null;
  /** Why `growthPercent` is null: growth from nothing has no percentage. */
  growthNote: "no_revenue_previous_month" | null;
}

/** Revenue growth vs the previous month (Property 42): ((current − previous) / previous) · 100. */
export function revenueGrowth(current: number, previous: number): Growth {
  if (previous <= 0) return { growthPercent: null, growthNote: "no_revenue_previous_month" };
  return { growthPercent: percentOf(current - previous, previous), growthNote: null };
}

/** Bandwidth usage (Property 43): used / total · 100; null without a capacity to compare with. */
export function usagePercent(usedBps: number, totalBps: number): number | null {
  return totalBps > 0 ? percentOf(usedBps, totalBps) : null;
}
