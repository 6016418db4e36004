/**
 * Bench: the rate limiter's decision. RateLimiter.limit() RPC round trips timed inside workerd,
 * against status() on the same object (a round trip that decides nothing), and what a burst of
 * 150 simultaneous requests against a limit of 100 gets.
 */

import { stats } from "./support/stats.ts";
import type { BenchContext, BenchRow } from "./support/types.ts";

export async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const probe = await ctx.probe();
  const rpc = await probe.get<{ limit: number[]; status: number[] }>("/limiter?n=100&batch=20");
  const burst = await probe.get<{ allowed: number; refused: number; elapsedMs: number; retryAfterMs: number[] }>(
    "/burst?n=150&limit=100",
  );
  const retry = stats(burst.retryAfterMs.map((ms) => ms / 1000));
  return [
    {
      figure: "DO status() round trip",
      stats: stats(rpc.status),
      note: "baseline: same object, no decision; n batches of 20",
    },
    { figure: "DO limit() decision", stats: stats(rpc.limit), baseline: "DO status() round trip" },
    {
      figure: "burst 150 @ limit 100",
      stats: stats([burst.elapsedMs]),
      note: `${burst.allowed} allowed, ${burst.refused} refused; Retry-After ${retry.min.toFixed(0)}–${retry.max.toFixed(0)} s`,
    },
  ];
}
