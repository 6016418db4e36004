import { sql } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { localPeriod, periodRange, shiftPeriod } from "../../lib/time";

/** A customer's bandwidth counts as current when its latest sample is at most this old. */
export const BANDWIDTH_FRESH_MS = 15 * 60_000;

export interface DashboardFigures {
  period: string;
  customersByStatus: Record<string, number>;
  revenueCurrent: number;
  revenuePrevious: number;
  openTicketsByPriority: Record<string, number>;
  lowStockCount: number;
  bandwidthTotalBps: number;
  bandwidthUsedBps: number;
  customersReporting: number;
}

/**
 * Every dashboard figure in one round trip (the database is a network hop away from the Worker).
 * - Revenue: paid payments by `payment_date` within the tenant-local month of `at` and the one
 *   before (Property 41), as `[start, end)` instants so the (tenant, payment_date) index serves it.
 * - Open tickets: status `open` or `in_progress`.
 * - Low stock: live items with quantity below their minimum.
 * - Bandwidth (Property 43): over active, live customers — total = the download speed of the plan
 *   each one is on now (a boost's plan while it lasts), used = the download rate (`rx_rate_bps`,
 *   what the customer receives) of each one's latest sample within BANDWIDTH_FRESH_MS before `at`.
 */
export async function loadDashboardFigures(
  tx: Tx,
  tenantId: string,
  timeZone: string,
  at: Date,
): Promise<DashboardFigures> {
  const period = localPeriod(at, timeZone);
  const current = periodRange(period, timeZone);
  const previousStart = periodRange(shiftPeriod(period, -1), timeZone).start;
  const since = new Date(at.getTime() - BANDWIDTH_FRESH_MS);
  const live = sql`c.tenant_id = ${tenantId} and c.deleted_at is null and c.status = 'active'`;
  const result = await tx.execute<Record<string, unknown>>(sql`
    with paid as (
      select amount, payment_date from payments
      where tenant_id = ${tenantId} and status = 'paid'
        and payment_date >= ${previousStart.toISOString()}::timestamptz
        and payment_date < ${current.end.toISOString()}::timestamptz
    ),
    latest as (
      select distinct on (s.customer_id) s.rx_rate_bps
      from monitoring_samples s
      join customers c on c.id = s.customer_id
      where s.tenant_id = ${tenantId} and ${live}
        and s.ts > ${since.toISOString()}::timestamptz and s.ts <= ${at.toISOString()}::timestamptz
      order by s.customer_id, s.ts desc, s.id desc
    )
    select
      (select coalesce(jsonb_object_agg(status, n), '{}'::jsonb) from (
        select status, count(*)::int as n from customers
        where tenant_id = ${tenantId} and deleted_at is null group by status) x) as customers,
      (select coalesce(sum(amount) filter (where payment_date >= ${current.start.toISOString()}::timestamptz), 0)::text
        from paid) as revenue_current,
      (select coalesce(sum(amount) filter (where payment_date < ${current.start.toISOString()}::timestamptz), 0)::text
        from paid) as revenue_previous,
      (select coalesce(jsonb_object_agg(priority, n), '{}'::jsonb) from (
        select priority, count(*)::int as n from tickets
        where tenant_id = ${tenantId} and status in ('open', 'in_progress') group by priority) x) as open_tickets,
      (select count(*)::int from infrastructure_items
        where tenant_id = ${tenantId} and deleted_at is null and quantity < minimum_quantity) as low_stock,
      (select coalesce(sum(p.speed_download_mbps::bigint * 1000000), 0)::text
        from customers c join service_plans p on p.id = coalesce(c.effective_plan_id, c.service_plan_id)
        where ${live}) as bandwidth_total,
      (select coalesce(sum(rx_rate_bps), 0)::text from latest) as bandwidth_used,
      (select count(*)::int from latest) as reporting
  `);
  const row = result.rows[0] ?? {};
  return {
    period,
    customersByStatus: (row.customers ?? {}) as Record<string, number>,
    revenueCurrent: Number(row.revenue_current ?? 0),
    revenuePrevious: Number(row.revenue_previous ?? 0),
    openTicketsByPriority: (row.open_tickets ?? {}) as Record<string, number>,
    lowStockCount: Number(row.low_stock ?? 0),
    bandwidthTotalBps: Number(row.bandwidth_total ?? 0),
    bandwidthUsedBps: Number(row.bandwidth_used ?? 0),
    customersReporting: Number(row.reporting ?? 0),
  };
}
