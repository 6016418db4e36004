import { CUSTOMER_STATUSES, TICKET_PRIORITIES } from "../../db/schema";
import { type ServiceContext, withTenantTx } from "../context";
import { requirePermission } from "../permissions";
import { NO_CACHE, type StatsCache } from "./cache";
import { revenueGrowth, usagePercent } from "./math";
import { type DashboardFigures, loadDashboardFigures } from "./queries";

/** How long a snapshot is served before the next request recomputes it (Property 44). */
export const DASHBOARD_TTL_MS = 5 * 60_000;

export interface DashboardOptions {
  cache?: StatsCache;
  /** The clock; injectable so a test can move time past the expiry. */
  now?: () => Date;
}

const countsOf = <K extends string>(keys: readonly K[], from: Record<string, number>) =>
  Object.fromEntries(keys.map((k) => [k, from[k] ?? 0])) as Record<K, number>;

function toSnapshot(f: DashboardFigures, at: Date) {
  const customers = countsOf(CUSTOMER_STATUSES, f.customersByStatus);
  const open = countsOf(TICKET_PRIORITIES, f.openTicketsByPriority);
  const reporting = f.customersReporting > 0;
  return {
    customers: { ...customers, total: Object.values(customers).reduce((a, b) => a + b, 0) },
    revenue: {
      period: f.period,
      currentMonth: f.revenueCurrent,
      previousMonth: f.revenuePrevious,
      ...revenueGrowth(f.revenueCurrent, f.revenuePrevious),
    },
    tickets: { openByPriority: open, open: Object.values(open).reduce((a, b) => a + b, 0) },
    bandwidth: {
      usagePercent: reporting ? usagePercent(f.bandwidthUsedBps, f.bandwidthTotalBps) : null,
      usedBps: reporting ? f.bandwidthUsedBps : null,
      totalBps: f.bandwidthTotalBps,
      customersReporting: f.customersReporting,
    },
    inventory: { lowStockCount: f.lowStockCount },
    generatedAt: at.toISOString(),
    expiresAt: new Date(at.getTime() + DASHBOARD_TTL_MS).toISOString(),
  };
}
export type DashboardSnapshot = ReturnType<typeof toSnapshot>;

function isFresh(value: unknown, at: Date): value is DashboardSnapshot {
  if (!value || typeof value !== "object") return false;
  const s = value as Partial<DashboardSnapshot>;
  const generated = Date.parse(s.generatedAt ?? "");
  return generated <= at.getTime() && at.getTime() - generated < DASHBOARD_TTL_MS;
}

/**
 * The tenant's dashboard: a snapshot served from `cache` while younger than 5 minutes, recomputed
 * by the first request after that (Property 44). The key carries the time zone, so re-zoning a
 * tenant does not serve a month computed in the old zone.
 */
export async function getDashboardStats(ctx: ServiceContext, opts: DashboardOptions = {}) {
  requirePermission(ctx, "dashboard:read");
  const cache = opts.cache ?? NO_CACHE;
  const at = (opts.now ?? (() => new Date()))();
  const key = `${ctx.tenant.id}:${ctx.tenant.timezone}`;
  const hit = await cache.get(key);
  if (isFresh(hit, at)) return { ...hit, cached: true };
  const figures = await withTenantTx(ctx, (tx) => loadDashboardFigures(tx, ctx.tenant.id, ctx.tenant.timezone, at));
  const snapshot = toSnapshot(figures, at);
  await cache.put(key, snapshot, DASHBOARD_TTL_MS / 1000);
  return { ...snapshot, cached: false };
}
export type DashboardStats = Awaited<ReturnType<typeof getDashboardStats>>;
