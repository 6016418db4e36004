import { and, asc, count, eq, ilike, or, type SQL } from "drizzle-orm";
import { mikrotikRouters } from "../../db/schema";
import { type Page, pageMeta } from "../../lib/pagination";
import { escapeLike } from "../../lib/sql";
import { type ServiceContext, withTenantTx } from "../context";
import { requirePermission } from "../permissions";
import { type RouterView, toRouterView } from "./internal";
import type { ListRoutersQuery } from "./schemas";

/** Routers of the tenant by name (names are unique per tenant; id breaks no ties but keeps it explicit). */
export async function listMikrotikRouters(ctx: ServiceContext, filter: ListRoutersQuery): Promise<Page<RouterView>> {
  requirePermission(ctx, "routers:read");
  const t = mikrotikRouters;
  const conds: SQL[] = [eq(t.tenantId, ctx.tenant.id)];
  if (filter.status) conds.push(eq(t.status, filter.status));
  if (filter.active !== undefined) conds.push(eq(t.isActive, filter.active));
  if (filter.connectorId) conds.push(eq(t.connectorId, filter.connectorId));
  if (filter.search) {
    const pattern = `%${escapeLike(filter.search)}%`;
    const match = or(ilike(t.name, pattern), ilike(t.host, pattern), ilike(t.location, pattern));
    if (match) conds.push(match);
  }
  const where = and(...conds);
  return withTenantTx(ctx, async (tx) => {
    const rows = await tx
      .select()
      .from(t)
      .where(where)
      .orderBy(asc(t.name), asc(t.id))
      .limit(filter.limit)
      .offset((filter.page - 1) * filter.limit);
    const [total] = await tx.select({ n: count() }).from(t).where(where);
    return { data: rows.map(toRouterView), meta: pageMeta(filter, total?.n ?? 0) };
  });
}
