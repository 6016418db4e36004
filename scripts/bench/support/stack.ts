/**
 * The bench's own local stack, apart from `npm start`'s and the tests': PostgreSQL 17 in
 * `.local/bench-postgres` (fresh each run) on 15434 with the Neon proxy on 15444, and `wrangler dev`
 * on 8797 with secrets generated in memory (handed over in a temporary env file, deleted on stop)
 * and a temporary state directory for its Durable Objects.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startLocalDatabase } from "../../local/database.ts";
import { generatedSecrets } from "../../local/dev-vars.ts";
import { isPortTaken } from "../../local/postgres.ts";

const ROOT = join(import.meta.dirname, "..", "..", "..");
/** `RTRW_BENCH_SLOT=n` (n ≥ 1) gives a second bench run its own ports and data, as test slots do. */
const SLOT = Number(process.env.RTRW_BENCH_SLOT ?? 0);
export const BENCH_PORTS =
  SLOT > 0
    ? { api: 8797 + 10 * SLOT, postgres: 17000 + 10 * SLOT, wsProxy: 17001 + 10 * SLOT }
    : ({ api: 8797, postgres: 15434, wsProxy: 15444 } as const);

/**
 * Limits far above anything a bench sends from its one address: the bench measures the limiter's
 * cost on every request, not its refusals (those are measured on the Durable Object directly).
 */
const UNTHROTTLED = {
  RATE_LIMIT_IP_PER_MINUTE: "100000000",
  RATE_LIMIT_USER_PER_MINUTE: "100000000",
  RATE_LIMIT_LOGIN_PER_MINUTE: "100000000",
  SUSPICIOUS_LOGIN_ACCOUNTS: "100000000",
  SUSPICIOUS_LOGIN_FAILURES: "100000000",
  ACCOUNT_LOGIN_ATTEMPTS: "100000000",
  CONNECTOR_MIN_SAMPLES_PER_MINUTE: "100000000",
};

export interface BenchStack {
  apiUrl: string;
  platformKey: string;
  /** The privileged role's URL, for a plain `pg` client from Node (baselines, bulk seeding). */
  databaseUrl: string;
  wranglerPid?: number;
  stop(): Promise<void>;
}

export async function startBenchStack(log: (line: string) => void): Promise<BenchStack> {
  const apiUrl = `http://127.0.0.1:${BENCH_PORTS.api}`;
  if (await isPortTaken(BENCH_PORTS.api)) throw new Error(`port ${BENCH_PORTS.api} is taken (another bench running?)`);
  const db = await startLocalDatabase({
    dataDir: join(ROOT, ".local", SLOT > 0 ? `bench-postgres-${SLOT}` : "bench-postgres"),
    pgPort: BENCH_PORTS.postgres,
    proxyPort: BENCH_PORTS.wsProxy,
    database: "rtrwnet_bench",
    fresh: true,
    step: (s) => log(`  ${s}`),
  });
  const temp = mkdtempSync(join(tmpdir(), "rtrw-bench-"));
  let wrangler: ChildProcess | undefined;
  const stop = async () => {
    if (wrangler && wrangler.exitCode === null) {
      wrangler.kill("SIGTERM");
      await Promise.race([new Promise((r) => wrangler?.once("exit", r)), new Promise((r) => setTimeout(r, 3000))]);
      if (wrangler.exitCode === null) wrangler.kill("SIGKILL");
    }
    rmSync(temp, { recursive: true, force: true });
    await db.stop();
  };
  try {
    const secrets = Object.fromEntries(Object.entries(generatedSecrets()).map(([k, make]) => [k, make()]));
    const vars = { ENVIRONMENT: "development", LOG_LEVEL: "error", ...db.workerVars, ...UNTHROTTLED, ...secrets };
    const envFile = join(temp, "bench.env");
    // dotenv single quotes: the value is taken literally (the JWK is JSON, without single quotes).
    writeFileSync(
      envFile,
      Object.entries(vars)
        .map(([k, v]) => `${k}='${v}'`)
        .join("\n"),
      { mode: 0o600 },
    );
    chmodSync(envFile, 0o600);
    log(`  starting wrangler dev on ${apiUrl}`);
    wrangler = spawnWrangler(envFile, join(temp, "state"));
    await waitForHealth(apiUrl, wrangler, 90_000);
    return {
      apiUrl,
      platformKey: secrets.PLATFORM_API_KEY as string,
      databaseUrl: db.workerVars.DATABASE_SYSTEM_URL,
      wranglerPid: wrangler.pid,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

function spawnWrangler(envFile: string, stateDir: string): ChildProcess {
  const args = [
    "dev",
    "--ip",
    "127.0.0.1",
    "--port",
    String(BENCH_PORTS.api),
    "--env-file",
    envFile,
    "--persist-to",
    stateDir,
    "--show-interactive-dev-session=false",
    "--log-level",
    "error",
  ];
  return spawn(join(ROOT, "node_modules", ".bin", "wrangler"), args, {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" },
  });
}

async function waitForHealth(apiUrl: string, wrangler: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < deadline) {
    if (wrangler.exitCode !== null) throw new Error(`wrangler dev exited with code ${wrangler.exitCode}`);
    try {
      const res = await fetch(`${apiUrl}/api/v1/health`);
      if (res.ok) return;
      last = `${res.status} ${await res.text()}`;
    } catch (err) {
      last = String(err);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`the bench API did not become healthy in ${timeoutMs / 1000}s (last: ${last})`);
}
