import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { floorHour } from "./periods";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Hours each roll-up recomputes (late samples from a connector that was offline are folded in).
 * Raw retention must exceed it by a day (MONITORING_RAW_RETENTION_DAYS ≥ 3, enforced in the env
 * schema): a bucket re-summed after its hour was (partly) pruned would be overwritten too small.
 */
export const ROLLUP_LOOKBACK_HOURS = 48;

/**
 * The hourly roll-up job (privileged handle, all tenants): every complete hour of the last
 * `lookbackHours` is recomputed from the raw samples and upserted on the roll-up's key, so a re-run
 * overwrites instead of adding, and samples a connector delivered late (it buffers while offline)
 * are folded in on the next run. Each bucket is the exact sum of its hour's samples (Property 37).
 */
export async function rollUpMonitoring(db: Db, now: Date, opts: { lookbackHours?: number; tenantId?: string } = {}) {
  const until = floorHour(now);
  const since = new Date(until.getTime() - (opts.lookbackHours ?? ROLLUP_LOOKBACK_HOURS) * HOUR);
  const result = await db.execute(sql`
    insert into monitoring_rollups
      (tenant_id, customer_id, bucket, bucket_start, rx_bytes, tx_bytes, max_rx_rate_bps, max_tx_rate_bps, samples)
    select tenant_id, customer_id, '1h', date_trunc('hour', ts), sum(rx_bytes), sum(tx_bytes),
           max(rx_rate_bps), max(tx_rate_bps), count(*)
      from monitoring_samples
     where customer_id is not null ${opts.tenantId ? sql`and tenant_id = ${opts.tenantId}` : sql``}
       and ts >= ${since.toISOString()}::timestamptz and ts < ${until.toISOString()}::timestamptz
     group by tenant_id, customer_id, date_trunc('hour', ts)
    on conflict on constraint monitoring_rollups_pkey do update
       set rx_bytes = excluded.rx_bytes, tx_bytes = excluded.tx_bytes, max_rx_rate_bps = excluded.max_rx_rate_bps,
           max_tx_rate_bps = excluded.max_tx_rate_bps, samples = excluded.samples`);
  return { buckets: result.rowCount ?? 0 };
}

/**
 * Retention: raw samples older than `rawDays` (MONITORING_RAW_RETENTION_DAYS) and hourly roll-ups
 * older than `rollupDays` are deleted, in bounded chunks so one run never holds a long lock.
 */
export async function pruneMonitoring(db: Db, now: Date, opts: { rawDays: number; rollupDays?: number }) {
  const rawCut = new Date(now.getTime() - opts.rawDays * DAY).toISOString();
  const rollupCut = new Date(now.getTime() - (opts.rollupDays ?? 400) * DAY).toISOString();
  let samples = 0;
  for (let i = 0; i < 20; i++) {
    const r = await db.execute(sql`
      delete from monitoring_samples where id in (
        select id from monitoring_samples where ts < ${rawCut}::timestamptz limit 50000)`);
    samples += r.rowCount ?? 0;
    if ((r.rowCount ?? 0) < 50000) break;
  }
  const r = await db.execute(sql`delete from monitoring_rollups where bucket_start < ${rollupCut}::timestamptz`);
  return { samplesDeleted: samples, rollupsDeleted: r.rowCount ?? 0 };
}
