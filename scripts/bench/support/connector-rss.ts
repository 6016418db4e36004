/**
 * The connector at size: 5 simulated routers with 1 000 PPPoE customers each (a secret with our
 * comment, a live session and its dynamic `<pppoe-NAME>` queue), polled by the real connector
 * process at the interval the cloud configures (30 s). Every queue gets traffic after each poll, so
 * every poll after the first (the baseline) yields 5 000 samples, uploaded through the gateway.
 * Reads the connector's VmRSS after three polls, its peak, and its CPU time per poll round; and how
 * long a poll round takes to land in Postgres (first `/queue/simple/print` → all rows stored).
 */
import type pg from "pg";
import type { RouterOsSim } from "../../../connector/sim/index.ts";
import { createRouter, enrollConnector, type TenantApi, until, waitOnline } from "./connector-api.ts";
import { type BenchProcesses, cpuMs, rssMiB } from "./connector-processes.ts";
import { type Stats, stats } from "./stats.ts";

export const ROUTERS = 5;
export const CUSTOMERS_PER_ROUTER = 1_000;
const POLLS = 3;

export interface RssFigures {
  /** First `/queue/simple/print` of a poll round → its samples all in Postgres (rounds 2..POLLS). */
  pollToPostgres: Stats;
  settledMiB: number;
  peakMiB: number;
  cpuMsPerPoll: number;
}

/** A router with one customer per id: secret (our comment), profile with a rate limit, session. */
function fillRouter(sim: RouterOsSim, customerIds: readonly string[], prefix: string): void {
  const { state } = sim;
  state.profiles.insert({ ...state.profiles.spec.defaults, name: "rtrw-plan-bench", "rate-limit": "5M/10M" });
  for (const [i, id] of customerIds.entries()) {
    const name = `${prefix}-${i}`;
    state.secrets.insert({
      ...state.secrets.spec.defaults,
      name,
      password: "rahasia123",
      profile: "rtrw-plan-bench",
      comment: `rtrw:${id}`,
    });
    state.injectSession(name);
  }
}

function addTraffic(sim: RouterOsSim): void {
  for (const q of sim.state.queues.rows) {
    sim.state.addTraffic(q.name as string, { up: 150_000n, down: 2_500_000n, upRate: 40_000, downRate: 660_000 });
  }
}

export async function connectorRss(
  api: TenantApi,
  procs: BenchProcesses,
  db: pg.Client,
  customers: readonly string[],
): Promise<RssFigures> {
  const sims: RouterOsSim[] = [];
  for (let r = 0; r < ROUTERS; r++) {
    const sim = await procs.sim();
    fillRouter(sim, customers.slice(r * CUSTOMERS_PER_ROUTER, (r + 1) * CUSTOMERS_PER_ROUTER), `r${r}`);
    addTraffic(sim);
    sims.push(sim);
  }
  const enrollment = await enrollConnector(api, "Bench 5 x 1000");
  for (const [r, sim] of sims.entries()) await createRouter(api, `Bench router ${r}`, sim.port, enrollment.id);
  const connector = await procs.connector(api.url, enrollment.enrollment_token);
  const pid = connector.child.pid;
  if (pid === undefined) throw new Error("the connector did not start");
  await waitOnline(api, enrollment.id);

  const polls = sims.map(() => 0);
  const pollStarted: number[] = [];
  const stored: number[] = [];
  let peak = 0;
  let cpuAtRound2: number | undefined;
  const expected = ROUTERS * CUSTOMERS_PER_ROUTER;
  const sampleRss = setInterval(() => {
    if (connector.child.exitCode === null) peak = Math.max(peak, rssMiB(pid));
  }, 250);
  /** Every 5 ms: which routers started a poll round (then they get traffic for the next one). */
  const watchPolls = setInterval(() => {
    for (const [r, sim] of sims.entries()) {
      const seen = sim.commands.filter((c) => c[0] === "/queue/simple/print").length;
      if (seen === polls[r]) continue;
      polls[r] = seen;
      if (pollStarted.length < seen) pollStarted.push(performance.now());
      if (seen === 2 && cpuAtRound2 === undefined && connector.child.exitCode === null) cpuAtRound2 = cpuMs(pid);
      addTraffic(sim);
    }
  }, 5);
  const allStored = async () => {
    const { rows } = await db.query<{ n: string }>(
      "select count(*) as n from monitoring_samples where connector_id = $1",
      [enrollment.id],
    );
    while (stored.length < Math.floor(Number(rows[0]?.n) / expected)) stored.push(performance.now());
    return stored.length >= POLLS - 1 ? true : undefined;
  };
  try {
    await until(`${POLLS} poll rounds stored`, allStored, POLLS * 30_000 + 45_000, 50);
  } finally {
    clearInterval(sampleRss);
    clearInterval(watchPolls);
  }
  await new Promise((r) => setTimeout(r, 1000));
  const settled = rssMiB(pid);
  const cpu = cpuMs(pid) - (cpuAtRound2 ?? 0);
  // Round 1 is the baseline (no samples): round k's samples are the (k-1)-th batch stored.
  const freshness = stored.map((at, i) => at - (pollStarted[i + 1] ?? Number.NaN));
  await procs.stop(connector);
  return {
    pollToPostgres: stats(freshness),
    settledMiB: settled,
    peakMiB: Math.max(peak, settled),
    cpuMsPerPoll: cpu / (POLLS - 1),
  };
}
