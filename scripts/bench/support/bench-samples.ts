/**
 * Rows for the connector bench: customers seeded in bulk with the privileged role (5 000 through
 * the API would take minutes and provision each one), and bandwidth samples shaped as the
 * connector's poller makes them (one poll of one router: one sample per customer, one `ts`).
 */
import type pg from "pg";
import type { Sample } from "../../../src/protocol/index.ts";

/**
 * `n` active customers of `planId` without a router, already `applied`, so nothing provisions them:
 * the bench's samples need customers of the tenant to survive ingest's join, nothing more.
 */
export async function seedCustomers(db: pg.Client, tenantId: string, planId: string, n: number): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `insert into customers (tenant_id, customer_code, name, phone, address, service_plan_id, monthly_fee,
                            pppoe_username, provisioning_state)
     select $1, 'BENCH-' || lpad(g::text, 6, '0'), 'Bench ' || g, '081200000000', 'Jl. Bench ' || g, $2, 150000,
            'bench' || g, 'applied'
       from generate_series(1, $3::int) g
     returning id`,
    [tenantId, planId, n],
  );
  return rows.map((r) => r.id);
}

/** One poll's worth of samples: `size` customers (cycling through `customers`), seqs from `seq`. */
export function pollSamples(routerId: string, customers: readonly string[], size: number, seq: number, ts: Date) {
  const at = ts.toISOString();
  return Array.from(
    { length: size },
    (_, i): Sample => ({
      routerId,
      seq: seq + i,
      ts: at,
      customerRef: customers[i % customers.length] as string,
      rxBytes: String(1_000_000 + ((i * 7919) % 90_000_000)),
      txBytes: String(100_000 + ((i * 104_729) % 9_000_000)),
      rxRateBps: 2_000_000 + ((i * 31) % 8_000_000),
      txRateBps: 500_000 + ((i * 17) % 2_000_000),
    }),
  );
}

const COLUMNS =
  "tenant_id, customer_id, router_id, connector_id, sample_seq, ts, rx_bytes, tx_bytes, rx_rate_bps, tx_rate_bps";

/** The baseline: the same rows in one bare multi-row `INSERT … VALUES` (a parameter per cell). */
export async function bareInsert(db: pg.Client, tenantId: string, connectorId: string, samples: readonly Sample[]) {
  const params: unknown[] = [];
  const tuples = samples.map((s) => {
    const at = params.length;
    params.push(tenantId, s.customerRef, s.routerId, connectorId, s.seq, s.ts, s.rxBytes, s.txBytes);
    params.push(s.rxRateBps, s.txRateBps);
    return `(${Array.from({ length: 10 }, (_, k) => `$${at + k + 1}`).join(",")})`;
  });
  const r = await db.query(`insert into monitoring_samples (${COLUMNS}) values ${tuples.join(",")}`, params);
  if (r.rowCount !== samples.length) throw new Error(`bare insert stored ${r.rowCount} of ${samples.length}`);
}

/**
 * The gateway's statement (src/services/monitoring/ingest.ts: eight array parameters, `unnest`,
 * the router/customer joins, `on conflict do nothing`) sent from Node with `pg`: what the SQL
 * costs without the WebSocket, the Durable Object and the Neon proxy. Mirrors that file.
 */
export async function ingestStatement(db: pg.Client, tenantId: string, connectorId: string, samples: Sample[]) {
  const col = <T>(f: (s: Sample) => T) => samples.map(f);
  const r = await db.query(
    `insert into monitoring_samples (${COLUMNS})
     select $1::uuid, c.id, s.router_id, $2::uuid, s.seq, s.ts, s.rx, s.tx, s.rx_rate, s.tx_rate
       from unnest($3::uuid[], $4::uuid[], $5::bigint[], $6::timestamptz[], $7::bigint[], $8::bigint[],
                   $9::bigint[], $10::bigint[]) as s(router_id, customer_id, seq, ts, rx, tx, rx_rate, tx_rate)
       join mikrotik_routers r on r.id = s.router_id and r.tenant_id = $1::uuid and r.connector_id = $2::uuid
       join customers c on c.id = s.customer_id and c.tenant_id = $1::uuid
     on conflict on constraint monitoring_samples_dedupe_key do nothing
     returning router_id, sample_seq::text`,
    [
      tenantId,
      connectorId,
      col((s) => s.routerId),
      col((s) => s.customerRef),
      col((s) => s.seq),
      col((s) => s.ts),
      col((s) => s.rxBytes),
      col((s) => s.txBytes),
      col((s) => s.rxRateBps),
      col((s) => s.txRateBps),
    ],
  );
  if (r.rowCount !== samples.length) throw new Error(`ingest statement stored ${r.rowCount} of ${samples.length}`);
}
