import { and, count, desc, eq, type SQL } from "drizzle-orm";
import { alerts } from "../../db/schema";
import { type Page, pageMeta } from "../../lib/pagination";
import { type ServiceContext, withTenantTx } from "../context";
import { requirePermission } from "../permissions";
import { type AlertView, toAlertView } from "./internal";
import type { ListAlertsQuery } from "./schemas";

/** Alerts of the tenant, newest first (ties by id, so pages are stable). */
export async function listAlerts(ctx: ServiceContext, filter: ListAlertsQuery): Promise<Page<AlertView>> {
  requirePermission(ctx, "alerts:read");
  const conds: SQL[] = [eq(alerts.tenantId, ctx.tenant.id)];
  if (filter.type) conds.push(eq(alerts.type, filter.type));
  if (filter.severity) conds.push(eq(alerts.severity, filter.severity));
  if (filter.status) conds.push(eq(alerts.status, filter.status));
  if (filter.entityType) conds.push(eq(alerts.entityType, filter.entityType));
  if (filter.entityId) conds.push(eq(alerts.entityId, filter.entityId));
  const where = and(...conds);
  return withTenantTx(ctx, async (tx) => {
    const rows = await tx
      .select()
      .from(alerts)
      .where(where)
      .orderBy(desc(alerts.createdAt), desc(alerts.id))
      .limit(filter.limit)
      .offset((filter.page - 1) * filter.limit);
    const [total] = await tx.select({ n: count() }).from(alerts).where(where);
    return { data: rows.map(toAlertView), meta: pageMeta(filter, total?.n ?? 0) };
  });
}
