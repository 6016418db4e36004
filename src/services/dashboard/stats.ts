import { CUSTOMER_STATUSES, TICKET_PRIORITIES } from "../../db/schema";
import { type ServiceContext, withTenantTx } from "../context";
import { actorCan, type Permission, requirePermission } from "../permissions";
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

/**
 * Which permission each section needs besides `dashboard:read`: the dashboard summarises other
 * resources and must not show a caller more than those resources would (a technician has no
 * `payments:read`, so no revenue). A section the caller may not read is `null`, not omitted, so
 * the response shape stays the same for every role.
 */
const SECTION_PERMISSIONS = {
  customers: "customers:read",
  revenue: "payments:read",
  tickets: "tickets:read",
  bandwidth: "monitoring:read",
  inventory: "inventory:read",
} as const satisfies Record<string, Permission>;
type Section = keyof typeof SECTION_PERMISSIONS;
type VisibleSnapshot = Omit<DashboardSnapshot, Section> & { [K in Section]: DashboardSnapshot[K] | null };

/** The caller's view of a snapshot. Applied after the cache read: the cache holds the full figures. */
function visibleTo(ctx: ServiceContext, s: DashboardSnapshot): VisibleSnapshot {
  const view: VisibleSnapshot = { ...s };
  for (const [section, permission] of Object.entries(SECTION_PERMISSIONS) as [Section, Permission][]) {
    if (!actorCan(ctx.actor, permission)) view[section] = null;
  }
  return view;
}

function isFresh(value: unknown, at: Date): value is DashboardSnapshot {
  if (!value || typeof value !== "object") return false;
  const s = value as Partial<DashboardSnapshot>;
  const generated = Date.parse(s.generatedAt ?? "");
  return generated <= at.getTime() && at.getTime() - generated < DASHBOARD_TTL_MS;
}

/**
 * The tenant's dashboard: a snapshot served from `cache` while younger than 5 minutes, recomputed
 * by the first request after that (Property 44). The key carries the time zone, so re-zoning a
 * tenant does not serve a month computed in the old zone. The snapshot is shared by every role of
 * the tenant; each caller sees only the sections its permissions allow (`visibleTo`).
 */
export async function getDashboardStats(ctx: ServiceContext, opts: DashboardOptions = {}) {
  requirePermission(ctx, "dashboard:read");
  const cache = opts.cache ?? NO_CACHE;
  const at = (opts.now ?? (() => new Date()))();
  const key = `${ctx.tenant.id}:${ctx.tenant.timezone}`;
  const hit = await cache.get(key);
  if (isFresh(hit, at)) return { ...visibleTo(ctx, hit), cached: true };
  const figures = await withTenantTx(ctx, (tx) => loadDashboardFigures(tx, ctx.tenant.id, ctx.tenant.timezone, at));
  const snapshot = toSnapshot(figures, at);
  await cache.put(key, snapshot, DASHBOARD_TTL_MS / 1000);
  return { ...visibleTo(ctx, snapshot), cached: false };
}
export type DashboardStats = Awaited<ReturnType<typeof getDashboardStats>>;
