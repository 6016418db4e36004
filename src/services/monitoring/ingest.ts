import { sql } from "drizzle-orm";
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

/**
 * Stores a connector's bandwidth batch in ONE statement, whatever its size: the columns travel as
 * eight array parameters and `unnest` turns them into rows (a VALUES list would need a parameter
 * per cell and hit Postgres's 65 535-parameter limit at ~7 000 samples). De-duplicated on
 * (connector, router, sample_seq) with `on conflict do nothing`: a batch resent after a lost `ack`
 * adds nothing. The joins keep only routers of this connector and customers of this tenant, so a
 * connector cannot write samples for anyone else's router or customer.
 */
export async function ingestSamples(
  ctx: ServiceContext,
  connectorId: string,
  samples: readonly Sample[],
): Promise<{ received: number; stored: number }> {
  const rows = storableSamples(samples);
  if (rows.length === 0) return { received: samples.length, stored: 0 };
  const col = <T>(f: (s: Sample) => T) => sql.param(rows.map(f));
  const tenantId = ctx.tenant.id;
  const result = await withTenantTx(ctx, (tx) =>
    tx.execute(sql`
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
      on conflict on constraint monitoring_samples_dedupe_key do nothing`),
  );
  return { received: samples.length, stored: result.rowCount ?? 0 };
}
