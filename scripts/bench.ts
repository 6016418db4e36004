/**
 * `npm run bench [-- <module> ...]`: starts its own local stack (scripts/bench/support/stack.ts),
 * runs the bench modules in `scripts/bench/*.ts` (all, or those named), prints one table of
 * figures — median and p99 in ms, and each figure's ratio to the baseline measured in the same
 * run — and stops everything it started. Loopback only; every loop is bounded.
 */
import { readdirSync } from "node:fs";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";
import { startProbe } from "./bench/support/probe.ts";
import { type BenchStack, startBenchStack } from "./bench/support/stack.ts";
import { measure } from "./bench/support/stats.ts";
import type { BenchContext, BenchMetrics, BenchModule, BenchRow, BenchTenant } from "./bench/support/types.ts";

const BENCH_DIR = join(import.meta.dirname, "bench");
/** A module that runs longer than this is abandoned (its figures are reported as missing). */
const MODULE_TIMEOUT_MS = 5 * 60_000;

type Outcome = { module: string; seconds: number } & (
  | { rows: BenchRow[] }
  | { metrics: BenchMetrics }
  | { error: string }
);

const log = (line: string) => console.log(line);

/**
 * Modules that leave work behind in the shared stack: `business` queues ~18 000 invoice emails whose
 * consumer keeps workerd busy for minutes, which slowed (once, timed out) the connector module after it.
 */
const RUN_LAST = ["business"];

async function main(): Promise<number> {
  const wanted = process.argv.slice(2);
  const modules = readdirSync(BENCH_DIR)
    .filter((f) => f.endsWith(".ts"))
    .map((f) => basename(f, ".ts"))
    .filter((m) => wanted.length === 0 || wanted.includes(m))
    .sort((a, b) => Number(RUN_LAST.includes(a)) - Number(RUN_LAST.includes(b)) || a.localeCompare(b));
  if (modules.length === 0) {
    console.error(`no bench module matches ${wanted.join(", ")}`);
    return 1;
  }
  log(`\u25b6 starting the bench stack`);
  const stack = await startBenchStack(log);
  const cleanups: (() => Promise<unknown>)[] = [];
  const outcomes: Outcome[] = [];
  let stopped: Promise<void> | undefined;
  shutdown = () => {
    stopped ??= (async () => {
      // A cleanup that hangs (a tenant purge stuck on a lock) must not keep the stack up forever.
      for (const cleanup of cleanups.reverse()) await withTimeout(cleanup(), 120_000).catch(() => undefined);
      await stack.stop();
    })();
    return stopped;
  };
  try {
    const ctx = context(stack, cleanups);
    for (const name of modules) {
      log(`\u25b6 ${name}`);
      const started = performance.now();
      const seconds = () => Math.round((performance.now() - started) / 100) / 10;
      try {
        const mod = (await import(pathToFileURL(join(BENCH_DIR, `${name}.ts`)).href)) as BenchModule;
        const result = await withTimeout(mod.run(ctx), MODULE_TIMEOUT_MS);
        outcomes.push(
          Array.isArray(result)
            ? { module: name, seconds: seconds(), rows: result }
            : { module: name, seconds: seconds(), metrics: result },
        );
      } catch (err) {
        outcomes.push({ module: name, seconds: seconds(), error: err instanceof Error ? err.message : String(err) });
      }
    }
  } finally {
    await shutdown();
  }
  printTable(outcomes);
  return outcomes.some((o) => "error" in o) ? 1 : 0;
}

function context(stack: BenchStack, cleanups: (() => Promise<unknown>)[]): BenchContext {
  let probe: ReturnType<typeof startProbe> | undefined;
  let tenants = 0;
  return {
    apiUrl: stack.apiUrl,
    platformKey: stack.platformKey,
    databaseUrl: stack.databaseUrl,
    wranglerPid: stack.wranglerPid,
    log,
    measure,
    probe: () => {
      if (!probe) {
        probe = withTimeout(startProbe(), 60_000);
        const started = probe;
        cleanups.push(async () => (await started).dispose());
      }
      return probe;
    },
    tenant: async (): Promise<BenchTenant> => {
      tenants += 1;
      const slug = `bench-${Date.now().toString(36)}-${tenants}`;
      const admin = { email: `admin@${slug}.test`, password: "bench-password-0123" };
      const res = await fetch(`${stack.apiUrl}/api/v1/platform/tenants`, {
        method: "POST",
        headers: { authorization: `Bearer ${stack.platformKey}`, "content-type": "application/json" },
        body: JSON.stringify({ name: `Bench ${slug}`, slug, admin: { ...admin, name: "Bench Admin" } }),
      });
      if (res.status !== 201) throw new Error(`creating a bench tenant: ${res.status} ${await res.text()}`);
      const { tenant } = (await res.json()) as { tenant: { id: string } };
      cleanups.push(() =>
        fetch(`${stack.apiUrl}/api/v1/platform/tenants/${tenant.id}`, {
          method: "DELETE",
          headers: { authorization: `Bearer ${stack.platformKey}` },
        }),
      );
      return { id: tenant.id, slug, headers: { "x-tenant-id": slug }, admin };
    },
  };
}

function printTable(outcomes: Outcome[]): void {
  const lines: string[][] = [["module", "figure", "n", "median ms", "p99 ms", "ratio", "note"]];
  for (const o of outcomes) {
    if ("error" in o) lines.push([o.module, "FAILED", "", "", "", "", o.error.slice(0, 120)]);
    else if ("metrics" in o) {
      for (const [k, v] of Object.entries(o.metrics.metrics)) lines.push([o.module, k, "", String(v), "", "", ""]);
      for (const note of o.metrics.notes ?? []) lines.push([o.module, "", "", "", "", "", note]);
    } else {
      for (const row of o.rows) {
        const base = row.baseline ? o.rows.find((r) => r.figure === row.baseline) : undefined;
        const ratio = base ? `\u00d7${fmt(row.stats.median / base.stats.median)} of ${base.figure}` : "";
        lines.push([
          o.module,
          row.figure,
          String(row.stats.n),
          fmt(row.stats.median),
          fmt(row.stats.p99),
          ratio,
          row.note ?? "",
        ]);
      }
    }
    lines.push([o.module, `(module took ${o.seconds} s)`, "", "", "", "", ""]);
  }
  const widths = lines[0]?.map((_, i) => Math.max(...lines.map((l) => (l[i] ?? "").length))) ?? [];
  console.log("");
  for (const [i, l] of lines.entries()) {
    console.log(
      l
        .map((cell, c) => cell.padEnd(widths[c] ?? 0))
        .join("  ")
        .trimEnd(),
    );
    if (i === 0) console.log(widths.map((w) => "-".repeat(w)).join("  "));
  }
}

function fmt(x: number): string {
  if (!Number.isFinite(x)) return "-";
  return x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2);
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms / 1000} s`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** Stops what the run started; set once the stack is up. A signal runs it, then exits. */
let shutdown: (() => Promise<void>) | undefined;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    console.error(`${signal}: stopping the bench stack`);
    const done = shutdown ? shutdown() : Promise.resolve();
    void done.finally(() => process.exit(130));
    setTimeout(() => process.exit(130), 10_000).unref();
  });
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`bench failed: ${err instanceof Error ? err.stack : String(err)}`);
    process.exit(1);
  },
);
