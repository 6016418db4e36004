/**
 * Bench: the business at ISP scale (issue 4). Two tenants (made through the platform API, so their
 * admins can sign in) get 100 000 customers each by bulk SQL (support/business-seed.ts), then:
 * (a) customer search through the Worker next to the service's own SQL run from Node with `pg`;
 * (b) the monthly billing run through the cron path next to a bare `INSERT … SELECT`
 *     (support/business-billing.ts);
 * (c) the dashboard, cold (cache missed) and cached;
 * (d) purging one of the tenants through the platform API.
 * The search and dashboard requests alternate between the two tenants, so each hits a table where
 * half the rows belong to someone else.
 */
import pg from "pg";
import { escapeLike } from "../../src/lib/sql.ts";
import { getJson, type Session, signIn } from "./support/business-api.ts";
import { benchBilling } from "./support/business-billing.ts";
import { benchDashboard } from "./support/business-dashboard.ts";
import { searchTerms } from "./support/business-data.ts";
import { EMAIL_SHARE, seedTenant, vacuumAnalyze } from "./support/business-seed.ts";
import { stats } from "./support/stats.ts";
import type { BenchContext, BenchRow, BenchTenant } from "./support/types.ts";

/** Per tenant. `BENCH_CUSTOMERS` shrinks it for a quick check of the module itself. */
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 100_000);
/** Per side; each search scans the table (~0.1–0.3 s), so 200 per side would not fit the module's budget. */
const SEARCHES = 100;

export async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const db = new pg.Client({ connectionString: ctx.databaseUrl });
  await db.connect();
  const tenants: BenchTenant[] = [];
  try {
    tenants.push(await ctx.tenant(), await ctx.tenant());
    ctx.log(`  seeding 2 × ${CUSTOMERS} customers with SQL`);
    const started = performance.now();
    const counts = [];
    for (const [i, t] of tenants.entries()) counts.push(await seedTenant(db, t.id, CUSTOMERS, i));
    await vacuumAnalyze(db);
    const seedMs = performance.now() - started;
    const [first] = counts;
    ctx.log(`  seeded in ${(seedMs / 1000).toFixed(1)} s: per tenant ${JSON.stringify(first)}`);
    const sessions = await Promise.all(tenants.map((t) => signIn(ctx, t)));
    const rows: BenchRow[] = [
      {
        figure: "seed 2 tenants (SQL)",
        stats: stats([seedMs]),
        note: `per tenant ${CUSTOMERS} customers (${EMAIL_SHARE * 100} % with e-mail), ${first?.payments} invoices, ${first?.samples} samples; incl. VACUUM ANALYZE`,
      },
      ...(await benchSearch(ctx, db, sessions)),
      ...(await benchDashboard(ctx, db, sessions)),
      ...(await benchBilling(ctx, db, tenants)),
    ];
    if (tenants[0]) rows.push(await benchPurge(ctx, tenants[0]));
    return rows;
  } finally {
    await db.end();
  }
}

/**
 * (d) Deleting a whole tenant of this size through the platform API (its customers, invoices,
 * samples, tickets, audit log …): the foreign keys to customers are `(tenant_id, customer_id)`,
 * which the existing indexes serve, so the purge is linear. One run: it destroys the tenant.
 */
async function benchPurge(ctx: BenchContext, tenant: BenchTenant): Promise<BenchRow> {
  const started = performance.now();
  const res = await fetch(`${ctx.apiUrl}/api/v1/platform/tenants/${tenant.id}`, {
    method: "DELETE",
    headers: { authorization: `Bearer ${ctx.platformKey}` },
  });
  const ms = performance.now() - started;
  if (res.status !== 204) throw new Error(`purging a bench tenant: ${res.status} ${await res.text()}`);
  return {
    figure: "DELETE /platform/tenants/{id} (purge)",
    stats: stats([ms]),
    note: `one tenant of ${CUSTOMERS} customers with its invoices and samples`,
  };
}

/**
 * (a) `GET /customers?search=…&limit=50`, and what `listCustomers` sends for it: in one
 * transaction, `set_config('app.tenant_id')`, the page (newest first, id tie-break) and the total.
 * The same terms in the same order on both sides. The Node client runs as the privileged role,
 * whose RLS policy is `true`; the Worker's app role adds the tenant policy's predicate.
 */
async function benchSearch(ctx: BenchContext, db: pg.Client, sessions: Session[]): Promise<BenchRow[]> {
  const terms = searchTerms(SEARCHES, CUSTOMERS);
  const loop = (fn: (term: string, s: Session) => Promise<number>) => {
    let i = 0;
    let hits = 0;
    const next = async () => {
      const k = i++;
      hits += await fn(terms[k % terms.length] as string, sessions[k % sessions.length] as Session);
    };
    return { next, hits: () => hits };
  };
  const api = loop(async (term, s) => {
    const q = new URLSearchParams({ search: term, limit: "50" });
    return (await getJson<{ meta: { total: number } }>(ctx, s, `/api/v1/customers?${q}`)).meta.total;
  });
  const direct = loop((term, s) => listSql(db, s.tenant.id, term));
  const viaWorker = await ctx.measure(api.next, { n: SEARCHES, warmup: 5 });
  const viaSql = await ctx.measure(direct.next, { n: SEARCHES, warmup: 5 });
  const avgHits = Math.round(direct.hits() / (SEARCHES + 5));
  ctx.log(`  search: Worker median ${viaWorker.median.toFixed(0)} ms, SQL median ${viaSql.median.toFixed(0)} ms`);
  return [
    { figure: "customer search SQL (pg)", stats: viaSql, note: `page + count in one tx; ~${avgHits} hits/term` },
    {
      figure: "GET /customers?search (Worker)",
      stats: viaWorker,
      baseline: "customer search SQL (pg)",
      note: `${terms.length} varied terms, limit 50, both tenants`,
    },
  ];
}

async function listSql(db: pg.Client, tenantId: string, term: string): Promise<number> {
  const params = [tenantId, `%${escapeLike(term)}%`];
  // A local-form phone (`0812…`) also matches the stored `+62812…` prefix, as in the service.
  const local = /^0\d+$/.test(term) ? " or phone ilike $3" : "";
  if (local) params.push(`+62${escapeLike(term.slice(1))}%`);
  const where = `tenant_id = $1 and deleted_at is null
    and (name ilike $2 or customer_code ilike $2 or phone ilike $2 or email ilike $2${local})`;
  await db.query("begin");
  try {
    await db.query("select set_config('app.tenant_id', $1, true)", [tenantId]);
    await db.query(
      `select * from customers where ${where} order by created_at desc, id desc limit 50 offset 0`,
      params,
    );
    const total = await db.query<{ n: string }>(`select count(*) as n from customers where ${where}`, params);
    await db.query("commit");
    return Number(total.rows[0]?.n ?? 0);
  } catch (err) {
    await db.query("rollback");
    throw err;
  }
}
