import { type SQL, sql } from "drizzle-orm";
import type { Sample } from "../../protocol";
import { type ServiceContext, withTenantTx } from "../context";

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

/**
 * Stores a connector's bandwidth batch in ONE statement, whatever its size: the columns travel as
 * eight array parameters and `unnest` turns them into rows (a VALUES list would need a parameter
 * per cell and hit Postgres's 65 535-parameter limit at ~7 000 samples). De-duplicated on
 * (connector, router, sample_seq) with `on conflict do nothing`: a batch resent after a lost `ack`
 * adds nothing. The joins keep only routers of this connector and customers of this tenant, so a
 * connector cannot write samples for anyone else's router or customer. The same statement sums
 * what it actually inserted per customer (`returning` sees only new rows), so the live message is
 * built from stored samples only and a resent batch announces nothing.
 */
export async function ingestSamples(
  ctx: ServiceContext,
  connectorId: string,
  samples: readonly Sample[],
): Promise<{ received: number; stored: number; customers: CustomerBandwidth[] }> {
  const rows = storableSamples(samples);
  if (rows.length === 0) return { received: samples.length, stored: 0, customers: [] };
  const col = <T>(f: (s: Sample) => T) => sql.param(rows.map(f));
  const tenantId = ctx.tenant.id;
  const iso = (c: SQL) => sql`to_char(${c} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  const result = await withTenantTx(ctx, (tx) =>
    tx.execute<SummaryRow>(sql`
      with stored as (
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
        returning customer_id, ts, sample_seq, rx_bytes, tx_bytes, rx_rate_bps, tx_rate_bps
      ),
      ranked as (
        select *, row_number() over (partition by customer_id order by ts desc, sample_seq desc) as rn from stored
      )
      select customer_id, count(*)::int as samples, sum(rx_bytes)::text as rx, sum(tx_bytes)::text as tx,
             ${iso(sql`min(ts)`)} as "from", ${iso(sql`max(ts)`)} as "to",
             jsonb_agg(jsonb_build_object('ts', ${iso(sql`ts`)}, 'rxRateBps', rx_rate_bps, 'txRateBps', tx_rate_bps)
                       order by ts, sample_seq) filter (where rn <= ${LIVE_POINTS}) as points
        from ranked group by customer_id order by customer_id`),
  );
  const customers = result.rows.map(toBandwidth);
  return { received: samples.length, stored: customers.reduce((n, c) => n + c.samples, 0), customers };
}

interface SummaryRow extends Record<string, unknown> {
  customer_id: string;
  samples: number;
  rx: string;
  tx: string;
  from: string;
  to: string;
  points: { ts: string; rxRateBps: number | string; txRateBps: number | string }[];
}

function toBandwidth(r: SummaryRow): CustomerBandwidth {
  const points = r.points.map((p) => ({ ts: p.ts, rxRateBps: Number(p.rxRateBps), txRateBps: Number(p.txRateBps) }));
  const newest = points[points.length - 1];
  return {
    customerId: r.customer_id,
    samples: Number(r.samples),
    rxBytes: Number(r.rx),
    txBytes: Number(r.tx),
    from: r.from,
    to: r.to,
    rxRateBps: newest?.rxRateBps ?? 0,
    txRateBps: newest?.txRateBps ?? 0,
    points,
  };
}
