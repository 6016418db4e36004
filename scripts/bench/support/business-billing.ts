/**
 * (b) of the business bench: the monthly billing run for one tenant of 100 000 customers, through
 * the path the product uses — the daily cron (`5 17 * * *`, src/cron/registry.ts), fired in
 * `wrangler dev` with miniflare's `/cdn-cgi/local/scheduled` — next to a bare `INSERT … SELECT` of
 * the same invoice rows, rolled back. The cron timing includes everything that cron does: the
 * billing statement (invoices + audit rows + outbox events), the e-mail rules over the new events
 * (`invoice_issued` for customers with an address, queued in batches of 100), the first outbox
 * sweep, and the daily reconcile dry run (no routers here). While it runs, the invoices are polled
 * for, which times the billing statement alone (it commits before the e-mail rules start). Also
 * timed: the same cron again right after, which bills nothing (the daily run's usual case).
 *
 * Only a few repetitions fit: between them the produced invoices, events, notifications and the
 * run's `billing.run` job record are deleted (audit rows are append-only and stay) and the tables
 * vacuumed, untimed. A cron still running after DEADLINE_MS has its statements cancelled (this
 * stack's own database), is reported as not finished, and is not repeated.
 */
import type pg from "pg";
import { stats } from "./stats.ts";
import type { BenchContext, BenchRow, BenchTenant } from "./types.ts";

const REPETITIONS = 3;
const DEADLINE_MS = 60_000;
const POLL_MS = 250;
const BILLING_CRON = "5 17 * * *";

const BARE_INSERT = `
insert into payments (tenant_id, customer_id, invoice_number, period, amount, due_date, status)
select c.tenant_id, c.id, 'INV-' || replace($2, '-', '') || '-' || c.customer_code, $2, c.monthly_fee,
  make_date(split_part($2, '-', 1)::int, split_part($2, '-', 2)::int, c.billing_day), 'pending'
from customers c
where c.tenant_id = $1 and c.deleted_at is null and c.status = 'active' and c.monthly_fee > 0
  and (c.installation_date is null
       or c.installation_date <= make_date(split_part($2, '-', 1)::int, split_part($2, '-', 2)::int, c.billing_day))`;

interface CronTiming {
  total: number;
  /** When the invoices became visible (the billing statement committed), polled. */
  committed: number;
  /** What was cancelled at the deadline, if anything. */
  cancelled?: string;
}

/** Bills `tenants[0]`; the others are deactivated meanwhile (the cron bills every active tenant). */
export async function benchBilling(ctx: BenchContext, db: pg.Client, tenants: BenchTenant[]): Promise<BenchRow[]> {
  const [billed, ...idle] = tenants;
  if (!billed) throw new Error("no tenant to bill");
  const value = async (text: string, params: unknown[] = []) =>
    (await db.query<{ v: string }>(text, params)).rows[0]?.v as string;
  const period = await value("select to_char(now() at time zone timezone, 'YYYY-MM') as v from tenants where id = $1", [
    billed.id,
  ]);
  const expected = Number(
    await value(
      `select count(*) as v from customers c
        where c.tenant_id = $1 and c.deleted_at is null and c.status = 'active' and c.monthly_fee > 0
          and (c.installation_date is null
               or c.installation_date <= make_date(split_part($2, '-', 1)::int, split_part($2, '-', 2)::int, c.billing_day))`,
      [billed.id, period],
    ),
  );
  const invoices = async () =>
    Number(await value("select count(*) as v from payments where tenant_id = $1 and period = $2", [billed.id, period]));

  const fireCron = async (): Promise<CronTiming> => {
    const t0 = performance.now();
    const elapsed = () => performance.now() - t0;
    const q = new URLSearchParams({ cron: BILLING_CRON, format: "json" });
    let done = false;
    const response = fetch(`${ctx.apiUrl}/cdn-cgi/local/scheduled?${q}`)
      .then(async (res) => ({ status: res.status, text: await res.text() }))
      .finally(() => {
        done = true;
      });
    let committed = Number.NaN;
    let cancelled: string | undefined;
    while (!done) {
      await new Promise((r) => setTimeout(r, POLL_MS));
      if (Number.isNaN(committed) && (await invoices()) === expected) committed = elapsed();
      if (!done && !cancelled && elapsed() > DEADLINE_MS) cancelled = await cancelWorkerQueries(db);
    }
    const res = await response;
    const total = elapsed();
    if (res.status !== 200 && !cancelled) throw new Error(`the billing cron failed: ${res.status} ${res.text}`);
    const made = await invoices();
    if (made !== expected) throw new Error(`the billing cron made ${made} invoices, expected ${expected}`);
    return { total, committed: Number.isNaN(committed) ? total : committed, cancelled };
  };
  const vacuum = () => db.query("vacuum (analyze) payments, domain_events, notifications");

  const runs: CronTiming[] = [];
  const rerun: number[] = [];
  const bare: number[] = [];
  const emails: number[] = [];
  const ids = idle.map((t) => t.id);
  await db.query("update tenants set is_active = false where id = any($1::uuid[])", [ids]);
  try {
    for (let rep = 0; rep < REPETITIONS && !runs.some((r) => r.cancelled); rep++) {
      ctx.log(`  billing run ${rep + 1}/${REPETITIONS} (${expected} invoices)`);
      await vacuum();
      const mark = await value("select coalesce(max(id), 0) as v from domain_events");
      const run = await fireCron();
      runs.push(run);
      ctx.log(`    cron ${(run.total / 1000).toFixed(1)} s${run.cancelled ? ` (cancelled: ${run.cancelled})` : ""}`);
      emails.push(
        Number(
          await value("select count(*) as v from notifications where tenant_id = $1 and template = 'invoice_issued'", [
            billed.id,
          ]),
        ),
      );
      // Unsent notifications are dropped now, so the queue consumer's retries become no-ops.
      await db.query("delete from notifications where tenant_id = $1 and template = 'invoice_issued'", [billed.id]);
      rerun.push((await fireCron()).total);
      await db.query("delete from domain_events where tenant_id = $1 and id > $2", [billed.id, mark]);
      await db.query("delete from payments where tenant_id = $1 and period = $2", [billed.id, period]);
      await db.query("delete from jobs where tenant_id = $1 and idempotency_key = 'billing:' || $2", [
        billed.id,
        period,
      ]);
      await vacuum();
      const t0 = performance.now();
      await db.query("begin");
      const inserted = await db.query(BARE_INSERT, [billed.id, period]);
      await db.query("rollback");
      bare.push(performance.now() - t0);
      if (inserted.rowCount !== expected) throw new Error(`bare insert made ${inserted.rowCount} rows`);
    }
  } finally {
    await db.query("update tenants set is_active = true where id = any($1::uuid[])", [ids]);
  }
  const bareFigure = "billing: bare INSERT … SELECT (pg)";
  const unfinished = runs.find((r) => r.cancelled)?.cancelled;
  return [
    { figure: bareFigure, stats: stats(bare), note: `${expected} invoice rows, rolled back` },
    {
      figure: "billing cron: invoices committed",
      stats: stats(runs.map((r) => r.committed)),
      baseline: bareFigure,
      note: `billing statement inside the cron (invoices + audit + events), polled every ${POLL_MS} ms`,
    },
    {
      figure: "billing cron: whole run (Worker)",
      stats: stats(runs.map((r) => r.total)),
      baseline: bareFigure,
      note: unfinished
        ? `DID NOT FINISH: cancelled at ${DEADLINE_MS / 1000} s in ${unfinished}`
        : `${runs.length} runs only; + e-mail rules (${emails[0]} e-mails queued), outbox sweep, reconcile`,
    },
    { figure: "billing cron: re-run (no-op)", stats: stats(rerun), baseline: bareFigure, note: "all billed already" },
  ];
}

/** Cancels what the Worker is running in this stack's database; returns a short name of it. */
async function cancelWorkerQueries(db: pg.Client): Promise<string> {
  const r = await db.query<{ query: string }>(
    `select query from (
       select query, pg_cancel_backend(pid) from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid() and state = 'active'
          and backend_type = 'client backend') x`,
  );
  const query = (r.rows[0]?.query ?? "").replace(/\s+/g, " ").trim();
  if (query.includes("insert into notifications")) return "the e-mail rules' notifications insert";
  return query ? `"${query.slice(0, 60)}"` : "nothing (it had just finished)";
}
