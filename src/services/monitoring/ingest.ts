import { sql } from "drizzle-orm";
import type { Sample } from "../../protocol";
import { type ServiceContext, withTenantTx } from "../context";
import { tenantSampleCap } from "./limits";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INT8_MAX = 2n ** 63n - 1n;

/** The samples a batch may store: ids shaped like ours, counters that fit a `bigint` column. */
export function storableSamples(samples: readonly Sample[]): Sample[] {
  return samples.filter(
    (s) =>
      UUID.test(s.routerId) &&
      UUID.test(s.customerRef) &&
      BigInt(s.rxBytes) <= INT8_MAX &&
      BigInt(s.txBytes) <= INT8_MAX,
  );
}

/** The newest points a live message carries per customer (a batch uploaded after an outage may hold hours). */
export const LIVE_POINTS = 60;

/** What one batch stored for one customer: the live bandwidth message's payload (see live.ts). */
export interface CustomerBandwidth {
  customerId: string;
  samples: number;
  rxBytes: number;
  txBytes: number;
  /** ISO-8601 UTC: the oldest and newest stored sample. */
  from: string;
  to: string;
  /** The rates of the newest sample. */
  rxRateBps: number;
  txRateBps: number;
  /** The newest `LIVE_POINTS` samples' rates, oldest first. */
  points: { ts: string; rxRateBps: number; txRateBps: number }[];
}

/** What `ingestSamples` did: stored (what it newly stored), or refused because the tenant is at its cap. */
export type IngestOutcome =
  | { kind: "stored"; received: number; stored: number; customers: CustomerBandwidth[] }
  | { kind: "capped"; rows: number; cap: number };

/**
 * Stores a connector's bandwidth batch in ONE statement, whatever its size: the columns travel as
 * eight array parameters and `unnest` turns them into rows (a VALUES list would need a parameter
 * per cell and hit Postgres's 65 535-parameter limit at ~7 000 samples). De-duplicated on
 * (connector, router, sample_seq) with `on conflict do nothing`: a batch resent after a lost `ack`
 * adds nothing. The joins keep only routers of this connector and customers of this tenant, so a
 * connector cannot write samples for anyone else's router or customer. `returning` names the rows
 * actually inserted (their router and seq, nothing more), and the per-customer summary for the live
 * message is built here from those samples of the batch: stored samples only, so a resent batch
 * announces nothing, without making Postgres aggregate and serialise what we already hold.
 *
 * First, in the same transaction, the tenant's cap on raw rows (`tenantSampleCap`): the count is
 * `monitoring_sample_counts`, kept by triggers on every insert and delete, so the check is one
 * primary-key read (and a count of the tenant's customers) instead of counting millions of rows.
 * A batch that would take the tenant past its cap stores nothing.
 */
export async function ingestSamples(
  ctx: ServiceContext,
  connectorId: string,
  samples: readonly Sample[],
  opts: { rawDays: number },
): Promise<IngestOutcome> {
  const rows = storableSamples(samples);
  if (rows.length === 0) return { kind: "stored", received: samples.length, stored: 0, customers: [] };
  const col = <T>(f: (s: Sample) => T) => sql.param(rows.map(f));
  const tenantId = ctx.tenant.id;
  const result = await withTenantTx(ctx, async (tx) => {
    const usage = await tx.execute<{ rows: string; customers: number }>(sql`
      select coalesce((select rows from monitoring_sample_counts where tenant_id = ${tenantId}::uuid), 0)::text as rows,
             (select count(*)::int from customers where tenant_id = ${tenantId}::uuid) as customers`);
    const used = Number(usage.rows[0]?.rows ?? 0);
    const cap = tenantSampleCap(usage.rows[0]?.customers ?? 0, opts.rawDays);
    if (used + rows.length > cap) return { kind: "capped" as const, rows: used, cap };
    const inserted = await tx.execute<{ router_id: string; sample_seq: string }>(sql`
      insert into monitoring_samples
        (tenant_id, customer_id, router_id, connector_id, sample_seq, ts, rx_bytes, tx_bytes, rx_rate_bps, tx_rate_bps)
      select ${tenantId}::uuid, c.id, s.router_id, ${connectorId}::uuid, s.seq, s.ts, s.rx, s.tx, s.rx_rate, s.tx_rate
        from unnest(${col((s) => s.routerId)}::uuid[], ${col((s) => s.customerRef)}::uuid[],
                    ${col((s) => s.seq)}::bigint[], ${col((s) => s.ts)}::timestamptz[],
                    ${col((s) => s.rxBytes)}::bigint[], ${col((s) => s.txBytes)}::bigint[],
                    ${col((s) => s.rxRateBps)}::bigint[], ${col((s) => s.txRateBps)}::bigint[])
             as s(router_id, customer_id, seq, ts, rx, tx, rx_rate, tx_rate)
        join mikrotik_routers r on r.id = s.router_id and r.tenant_id = ${tenantId}::uuid
                               and r.connector_id = ${connectorId}::uuid
        join customers c on c.id = s.customer_id and c.tenant_id = ${tenantId}::uuid
      on conflict on constraint monitoring_samples_dedupe_key do nothing
      returning router_id, sample_seq::text`);
    return { kind: "inserted" as const, rows: inserted.rows };
  });
  if (result.kind === "capped") return result;
  const inserted = new Set(result.rows.map((r) => `${r.router_id.toLowerCase()} ${r.sample_seq}`));
  // A key repeated within the batch was inserted once: the first copy counts, the set forgets it.
  const stored = rows.filter((s) => inserted.delete(`${s.routerId.toLowerCase()} ${s.seq}`));
  return { kind: "stored", received: samples.length, stored: stored.length, customers: summarise(stored) };
}

/** Per customer, in id order: totals, the time span, the newest rates and the newest `LIVE_POINTS` points. */
export function summarise(stored: readonly Sample[]): CustomerBandwidth[] {
  const byCustomer = new Map<string, Sample[]>();
  for (const s of stored) {
    const id = s.customerRef.toLowerCase();
    const list = byCustomer.get(id);
    if (list) list.push(s);
    else byCustomer.set(id, [s]);
  }
  const instant = (s: Sample) => new Date(s.ts).getTime();
  return [...byCustomer.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([customerId, list]) => {
      list.sort((a, b) => instant(a) - instant(b) || a.seq - b.seq);
      const points = list
        .slice(-LIVE_POINTS)
        .map((s) => ({ ts: new Date(s.ts).toISOString(), rxRateBps: s.rxRateBps, txRateBps: s.txRateBps }));
      const newest = points[points.length - 1];
      return {
        customerId,
        samples: list.length,
        rxBytes: Number(list.reduce((n, s) => n + BigInt(s.rxBytes), 0n)),
        txBytes: Number(list.reduce((n, s) => n + BigInt(s.txBytes), 0n)),
        from: new Date(instant(list[0] as Sample)).toISOString(),
        to: newest?.ts ?? "",
        rxRateBps: newest?.rxRateBps ?? 0,
        txRateBps: newest?.txRateBps ?? 0,
        points,
      };
    });
}
