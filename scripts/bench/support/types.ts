/**
 * The contract between `scripts/bench.ts` and the bench modules in `scripts/bench/*.ts`. A module
 * exports `run(ctx)` and returns rows of timing figures (or, the older shape, one result with named
 * metrics); the runner prints them in one table.
 */
import type { ProbeClient } from "./probe.ts";
import type { Stats } from "./stats.ts";

export interface BenchContext {
  /** Base URL of the Worker under test (`wrangler dev` started by the runner). */
  apiUrl: string;
  /** The platform operator's key of that Worker (creates and deletes bench tenants). */
  platformKey: string;
  /** The privileged (`rtrw_system`) role's URL for a plain `pg` client: seeding and SQL baselines. */
  databaseUrl: string;
  /** `wrangler dev`'s process id (its workerd child can be found from it). */
  wranglerPid?: number;
  log: (line: string) => void;
  /** Times `fn` `n` times in a row after `warmup` untimed calls. */
  measure(fn: () => Promise<unknown>, opts: { n: number; warmup?: number }): Promise<Stats>;
  /** A fresh tenant with a signed-in-able admin; removed when the run ends. */
  tenant(): Promise<BenchTenant>;
  /** A second workerd running probe code (src/ modules, the RateLimiter) to time things from inside the runtime. */
  probe(): Promise<ProbeClient>;
}

export interface BenchTenant {
  id: string;
  slug: string;
  headers: Record<string, string>;
  admin: { email: string; password: string };
}

/** One figure: a timing distribution, optionally compared with a baseline row of the same module. */
export interface BenchRow {
  figure: string;
  stats: Stats;
  /** The `figure` of the row this one is divided by (the "ratio" column). */
  baseline?: string;
  note?: string;
}

/** The earlier module shape (a result with named metrics), still accepted. */
export interface BenchMetrics {
  name: string;
  metrics: Record<string, number | string>;
  notes?: string[];
}

export interface BenchModule {
  run(ctx: BenchContext): Promise<BenchRow[] | BenchMetrics>;
}
