import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { raiseAlert, resolveAlertFor } from "../alerts/raise";
import { withTenantTx } from "../context";
import { systemTenantContext } from "../system-context";
import { floorHour } from "./periods";
import { monitoringSettingsOf } from "./settings";

const HOUR_SECONDS = 3600;

/**
 * Pure: whether `bytes` downloaded in `seconds` reach `percent` % of what a plan of `mbps` allows
 * in that time. Integer arithmetic (BigInt), so the boundary is exact.
 */
export function usageExceeds(bytes: number, mbps: number, seconds: number, percent: number): boolean {
  return BigInt(bytes) * 8n * 100n >= BigInt(percent) * BigInt(mbps) * 1_000_000n * BigInt(seconds);
}

export interface UsageRow {
  tenantId: string;
  customerId: string;
  customerCode: string;
  downloadBytes: number;
  planDownloadMbps: number;
  settings: Record<string, unknown>;
}

/** Pure: the customers to alert about and the ones whose alert can be resolved (Property 39). */
export function planUsageAlerts(rows: readonly UsageRow[], seconds: number) {
  const raise: (UsageRow & { percent: number })[] = [];
  const clear: UsageRow[] = [];
  for (const r of rows) {
    const percent = monitoringSettingsOf(r.settings).usageAlertPercent;
    if (percent !== null && usageExceeds(r.downloadBytes, r.planDownloadMbps, seconds, percent)) {
      raise.push({ ...r, percent });
    } else clear.push(r);
  }
  return { raise, clear };
}

/**
 * The hourly usage check (privileged handle, all tenants): each active customer's download over the
 * last complete hour against their enforced plan's allocation and the tenant's threshold → a
 * `bandwidth_threshold` alert (one unresolved per customer), resolved again once an hour stays below.
 */
export async function checkUsageThresholds(db: Db, now: Date, opts: { tenantId?: string } = {}) {
  const until = floorHour(now);
  const since = new Date(until.getTime() - HOUR_SECONDS * 1000);
  const result = await db.execute<{
    tenant_id: string;
    customer_id: string;
    customer_code: string;
    rx: string;
    mbps: number;
    settings: Record<string, unknown>;
    alerted: boolean;
  }>(sql`
    select c.tenant_id, c.id as customer_id, c.customer_code, coalesce(u.rx, 0)::text as rx,
           p.speed_download_mbps as mbps, t.settings, a.alerted
      from customers c
      join service_plans p on p.id = coalesce(c.effective_plan_id, c.service_plan_id)
      join tenants t on t.id = c.tenant_id
      left join lateral (
        select sum(rx_bytes) as rx from monitoring_samples s
         where s.tenant_id = c.tenant_id and s.customer_id = c.id
           and s.ts >= ${since.toISOString()}::timestamptz and s.ts < ${until.toISOString()}::timestamptz
      ) u on true
      cross join lateral (
        select exists (
          select 1 from alerts a where a.tenant_id = c.tenant_id and a.type = 'bandwidth_threshold'
             and a.entity_id = c.id::text and a.status <> 'resolved') as alerted
      ) a
     where c.status = 'active' and c.deleted_at is null and (u.rx is not null or a.alerted)
       ${opts.tenantId ? sql`and c.tenant_id = ${opts.tenantId}` : sql``}`);
  const alerted = new Set(result.rows.filter((r) => r.alerted).map((r) => r.customer_id));
  const rows: UsageRow[] = result.rows.map((r) => ({
    tenantId: r.tenant_id,
    customerId: r.customer_id,
    customerCode: r.customer_code,
    downloadBytes: Number(r.rx),
    planDownloadMbps: Number(r.mbps),
    settings: r.settings,
  }));
  const { raise, clear } = planUsageAlerts(rows, HOUR_SECONDS);
  const contexts = new Map<string, Awaited<ReturnType<typeof systemTenantContext>>>();
  const contextOf = async (tenantId: string) => {
    if (!contexts.has(tenantId)) contexts.set(tenantId, await systemTenantContext(db, tenantId, "usage-thresholds"));
    return contexts.get(tenantId) ?? null;
  };
  let raised = 0;
  for (const r of raise) {
    const ctx = await contextOf(r.tenantId);
    if (!ctx) continue;
    const out = await withTenantTx(ctx, (tx, txCtx) =>
      raiseAlert(tx, txCtx, {
        type: "bandwidth_threshold",
        severity: "warning",
        entityType: "customer",
        entityId: r.customerId,
        message: `Customer ${r.customerCode} used ${r.percent}% or more of their plan in the last hour`,
        data: { downloadBytes: r.downloadBytes, planDownloadMbps: r.planDownloadMbps, thresholdPercent: r.percent },
      }),
    );
    if (out.created) raised += 1;
  }
  let resolved = 0;
  for (const r of clear.filter((c) => alerted.has(c.customerId))) {
    const ctx = await contextOf(r.tenantId);
    if (!ctx) continue;
    const out = await withTenantTx(ctx, (tx, txCtx) =>
      resolveAlertFor(tx, txCtx, { type: "bandwidth_threshold", entityId: r.customerId }, now),
    );
    if (out) resolved += 1;
  }
  return { checked: rows.length, raised, resolved };
}
