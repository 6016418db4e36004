/**
 * Bandwidth ingest through the gateway (a protocol client → `GET /api/v1/connectors/connect` →
 * ConnectorGateway → ingestSamples → Postgres via the Neon proxy, `ack` once stored) against the
 * same rows written from Node with `pg` straight to Postgres: the product's statement, and a bare
 * multi-row INSERT (pg-copy-streams is not installed, so no COPY). One batch at a time; the
 * figures are per batch, the notes turn them into samples/s.
 */
import type pg from "pg";
import type { Sample } from "../../../src/protocol/index.ts";
import { bareInsert, ingestStatement, pollSamples } from "./bench-samples.ts";
import { createRouter, enrollConnector, type TenantApi } from "./connector-api.ts";
import { connectGateway } from "./gateway-client.ts";
import type { BenchContext, BenchRow } from "./types.ts";

/** Batch sizes: one router's poll of 1 000 customers, and the connector's largest batch (MAX_BATCH). */
const SIZES = [
  { size: 1_000, n: 30, warmup: 3 },
  { size: 5_000, n: 10, warmup: 2 },
];
/** The baselines' seqs live far above the gateway's, so no row is a duplicate of another. */
const SEQ_OFFSET = { statement: 1e12, bare: 2e12 };

export async function ingestThroughput(
  ctx: BenchContext,
  api: TenantApi,
  tenantId: string,
  db: pg.Client,
  customers: readonly string[],
): Promise<BenchRow[]> {
  const enrollment = await enrollConnector(api, "Bench ingest");
  // Nobody dials this router: the protocol client stands in for the connector.
  const routerId = await createRouter(api, "Bench ingest router", 9, enrollment.id);
  const client = await connectGateway(ctx.apiUrl, enrollment.enrollment_token, routerId);
  const rows: BenchRow[] = [];
  let sent = 0;
  try {
    let seq = 1;
    for (const { size, n, warmup } of SIZES) {
      const batches = Array.from({ length: n + warmup }, (_, k) => {
        const samples = pollSamples(routerId, customers, size, seq, new Date(Date.now() - (k + 1) * 30_000));
        seq += size;
        return samples;
      });
      const shifted = (offset: number) => batches.map((b) => b.map((s): Sample => ({ ...s, seq: s.seq + offset })));
      const each = (fn: (b: Sample[], k: number) => Promise<unknown>, list: Sample[][]) => {
        let k = 0;
        return ctx.measure(
          () => {
            const i = k++;
            return fn(list[i] as Sample[], i);
          },
          { n, warmup },
        );
      };
      const gateway = await each((b, k) => client.upload(`bench-${size}-${k}`, b), batches);
      sent += batches.length * size;
      const statement = await each(
        (b) => ingestStatement(db, tenantId, enrollment.id, b),
        shifted(SEQ_OFFSET.statement),
      );
      const bare = await each((b) => bareInsert(db, tenantId, enrollment.id, b), shifted(SEQ_OFFSET.bare));
      const perSecond = (ms: number) => `${Math.round((size * 1000) / ms).toLocaleString("en")} samples/s`;
      const label = `ingest ${size.toLocaleString("en")}`;
      rows.push(
        { figure: `${label}: bare INSERT (pg)`, stats: bare, note: `baseline, ${perSecond(bare.median)}` },
        {
          figure: `${label}: ingest SQL (pg)`,
          stats: statement,
          baseline: `${label}: bare INSERT (pg)`,
          note: `unnest + joins + on conflict, ${perSecond(statement.median)}`,
        },
        {
          figure: `${label}: WS → gateway → PG`,
          stats: gateway,
          baseline: `${label}: bare INSERT (pg)`,
          note: `send → ack, ${perSecond(gateway.median)}`,
        },
      );
    }
  } finally {
    client.close();
  }
  const { rows: count } = await db.query<{ n: string }>(
    "select count(*) as n from monitoring_samples where connector_id = $1 and sample_seq < $2",
    [enrollment.id, SEQ_OFFSET.statement],
  );
  if (Number(count[0]?.n) !== sent) throw new Error(`the gateway stored ${count[0]?.n} of ${sent} samples`);
  return rows;
}
