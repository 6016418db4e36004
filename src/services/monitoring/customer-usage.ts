import { sql } from "drizzle-orm";
import { type ServiceContext, withTenantTx } from "../context";
import { getCustomerInTenant } from "../customers/internal";
import { requirePermission } from "../permissions";
import { averageBps, type Period, periodWindow } from "./periods";

export interface UsagePoint {
  start: string;
  downloadBytes: number;
  uploadBytes: number;
  maxDownloadBps: number;
  maxUploadBps: number;
  samples: number;
}

export interface CustomerUsage {
  customerId: string;
  period: Period;
  from: string;
  to: string;
  totals: Omit<UsagePoint, "start"> & { totalBytes: number; avgDownloadBps: number; avgUploadBps: number };
  series: UsagePoint[];
}

type Row = { start: Date | string; rx: string; tx: string; mrx: string; mtx: string; n: string };

/**
 * A customer's traffic over a period: totals and a series (per minute for 1h, per hour for 24h and
 * 7d, per day in the tenant's zone for 30d). The totals are the sums of the samples in [from, to]
 * (Property 37): roll-ups are exact sums of their hour's samples, and the window never splits one.
 */
export async function getCustomerUsage(ctx: ServiceContext, customerId: string, period: Period, now = new Date()) {
  requirePermission(ctx, "monitoring:read");
  const w = periodWindow(period, now);
  const tenantId = ctx.tenant.id;
  const tz = ctx.tenant.timezone;
  const rows = await withTenantTx(ctx, async (tx) => {
    await getCustomerInTenant(tx, tenantId, customerId);
    const result = await tx.execute<Row>(sql`
      with pts as (
        select bucket_start as ts, rx_bytes as rx, tx_bytes as tx, max_rx_rate_bps as mrx, max_tx_rate_bps as mtx,
               samples as n
          from monitoring_rollups
         where tenant_id = ${tenantId} and customer_id = ${customerId} and bucket = '1h'
           and bucket_start >= ${w.from.toISOString()}::timestamptz and bucket_start < ${w.rawFrom.toISOString()}::timestamptz
        union all
        select ts, rx_bytes, tx_bytes, rx_rate_bps, tx_rate_bps, 1
          from monitoring_samples
         where tenant_id = ${tenantId} and customer_id = ${customerId}
           and ts >= ${w.rawFrom.toISOString()}::timestamptz and ts <= ${w.to.toISOString()}::timestamptz
      )
      select date_trunc(${w.step}, ts at time zone ${tz}) at time zone ${tz} as start,
             sum(rx)::text as rx, sum(tx)::text as tx, max(mrx)::text as mrx, max(mtx)::text as mtx, sum(n)::text as n
        from pts group by 1 order by 1`);
    return result.rows;
  });
  const series: UsagePoint[] = rows.map((r) => ({
    start: new Date(r.start).toISOString(),
    downloadBytes: Number(r.rx),
    uploadBytes: Number(r.tx),
    maxDownloadBps: Number(r.mrx),
    maxUploadBps: Number(r.mtx),
    samples: Number(r.n),
  }));
  const sum = (f: (p: UsagePoint) => number) => series.reduce((a, p) => a + f(p), 0);
  const max = (f: (p: UsagePoint) => number) => series.reduce((a, p) => Math.max(a, f(p)), 0);
  const downloadBytes = sum((p) => p.downloadBytes);
  const uploadBytes = sum((p) => p.uploadBytes);
  return {
    customerId,
    period,
    from: w.from.toISOString(),
    to: w.to.toISOString(),
    totals: {
      downloadBytes,
      uploadBytes,
      totalBytes: downloadBytes + uploadBytes,
      maxDownloadBps: max((p) => p.maxDownloadBps),
      maxUploadBps: max((p) => p.maxUploadBps),
      avgDownloadBps: averageBps(downloadBytes, w),
      avgUploadBps: averageBps(uploadBytes, w),
      samples: sum((p) => p.samples),
    },
    series,
  } satisfies CustomerUsage;
}
