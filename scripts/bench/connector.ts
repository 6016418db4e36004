/**
 * Bench: the connector (issue 6). Everything real but the router, as in the end-to-end test
 * (test/node/e2e-provisioning.test.ts): the bench's `wrangler dev`, Postgres, the real connector
 * process (`connector/bin/rtrwnet-connector.js`) and the RouterOS simulator.
 *
 * 1. Provisioning latency: API call → state on the simulator, per lifecycle step.
 * 2. Bandwidth ingest: samples through the gateway into Postgres (a protocol client stands in for
 *    the connector, so batches go as fast as the gateway acks), next to the same rows from Node.
 * 3. The connector's memory with 5 routers × 1 000 customers after three 30 s poll rounds.
 */
import pg from "pg";
import { seedCustomers } from "./support/bench-samples.ts";
import { createPlan, createRouter, enrollConnector, tenantApi, waitOnline } from "./support/connector-api.ts";
import { BenchProcesses, rssMiB } from "./support/connector-processes.ts";
import { CUSTOMERS_PER_ROUTER, connectorRss, ROUTERS } from "./support/connector-rss.ts";
import { ingestThroughput } from "./support/ingest-throughput.ts";
import { provisioningLatency } from "./support/provisioning-latency.ts";
import type { BenchContext, BenchRow } from "./support/types.ts";

/** Customer lifecycles timed (after one untimed warm-up cycle); each has five provisioning steps. */
const CYCLES = 20;

export async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const t = await ctx.tenant();
  const api = await tenantApi(ctx, t);
  const procs = new BenchProcesses();
  const db = new pg.Client({ connectionString: ctx.databaseUrl });
  await db.connect();
  try {
    const plans = { basic: await createPlan(api, "Paket 10", 10, 5), fast: await createPlan(api, "Paket 50", 50, 20) };

    ctx.log(`  provisioning latency: ${CYCLES} customer lifecycles through the connector`);
    const sim = await procs.sim();
    const enrollment = await enrollConnector(api, "Bench provisioning");
    const routerId = await createRouter(api, "Bench CCR", sim.port, enrollment.id);
    const connector = await procs.connector(api.url, enrollment.enrollment_token);
    const withLog = (e: unknown): never => {
      throw new Error(`${e instanceof Error ? e.message : e}; connector log: ${connector.logs.slice(-3).join(" | ")}`);
    };
    await waitOnline(api, enrollment.id).catch(withLog);
    const prov = await provisioningLatency({ api, sim, routerId, plans }, CYCLES).catch(withLog);
    const idleMiB = connector.child.pid ? rssMiB(connector.child.pid) : Number.NaN;
    await procs.stop(connector);

    ctx.log(`  bandwidth ingest: gateway vs pg`);
    const customers = await seedCustomers(db, t.id, plans.basic, ROUTERS * CUSTOMERS_PER_ROUTER);
    const ingest = await ingestThroughput(ctx, api, t.id, db, customers);

    ctx.log(`  connector memory: ${ROUTERS} routers × ${CUSTOMERS_PER_ROUTER} customers, 3 poll rounds (~100 s)`);
    const rss = await connectorRss(api, procs, db, customers);

    const mib = (x: number) => `${x.toFixed(1)} MiB`;
    return [
      { figure: "POST /customers (response)", stats: prov.response.create, note: "the API call alone" },
      {
        figure: "create → secret on router",
        stats: prov.applied.create,
        baseline: "POST /customers (response)",
        note: "profile + secret ensured",
      },
      { figure: "PATCH …/status (response)", stats: prov.response.status, note: "the API call alone" },
      {
        figure: "suspend → disabled + kicked",
        stats: prov.applied.suspend,
        baseline: "PATCH …/status (response)",
      },
      { figure: "reactivate → enabled", stats: prov.applied.reactivate, baseline: "PATCH …/status (response)" },
      {
        figure: "plan change → profile + kicked",
        stats: prov.applied.planChange,
        baseline: "PATCH …/status (response)",
      },
      { figure: "terminate → secret removed", stats: prov.applied.terminate, baseline: "PATCH …/status (response)" },
      ...ingest,
      {
        figure: `poll ${ROUTERS}×${CUSTOMERS_PER_ROUTER} → in Postgres`,
        stats: rss.pollToPostgres,
        note: `first /queue/simple/print → all ${ROUTERS * CUSTOMERS_PER_ROUTER} samples stored`,
      },
      {
        figure: `connector RSS ${ROUTERS}×${CUSTOMERS_PER_ROUTER}`,
        stats: { n: 1, median: Number.NaN, p99: Number.NaN, min: Number.NaN, max: Number.NaN },
        note: `VmRSS ${mib(rss.settledMiB)} after 3 polls (peak ${mib(rss.peakMiB)}; 1 router idle ${mib(idleMiB)}); CPU ${Math.round(rss.cpuMsPerPoll)} ms per 30 s poll round`,
      },
    ];
  } finally {
    await procs.stopAll();
    await db.end().catch(() => undefined);
  }
}
