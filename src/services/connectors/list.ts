import { and, asc, count, eq, ilike, type SQL } from "drizzle-orm";
import { connectors } from "../../db/schema";
import { type Page, pageMeta } from "../../lib/pagination";
import { escapeLike } from "../../lib/sql";
import { type ServiceContext, withTenantTx } from "../context";
import { requirePermission } from "../permissions";
import { type ConnectorView, getConnectorInTenant, routerCounts, toConnectorView } from "./internal";
import type { ListConnectorsQuery } from "./schemas";

/** The tenant's connectors by name (ties by id), each with its routers and how many answer. */
export async function listConnectors(ctx: ServiceContext, filter: ListConnectorsQuery): Promise<Page<ConnectorView>> {
  requirePermission(ctx, "connectors:read");
  const conds: SQL[] = [eq(connectors.tenantId, ctx.tenant.id)];
  if (filter.status) conds.push(eq(connectors.status, filter.status));
  if (filter.search) conds.push(ilike(connectors.name, `%${escapeLike(filter.search)}%`));
  const where = and(...conds);
  return withTenantTx(ctx, async (tx) => {
    const rows = await tx
      .select()
      .from(connectors)
      .where(where)
      .orderBy(asc(connectors.name), asc(connectors.id))
      .limit(filter.limit)
      .offset((filter.page - 1) * filter.limit);
    const [total] = await tx.select({ n: count() }).from(connectors).where(where);
    const counts = await routerCounts(
      tx,
      ctx.tenant.id,
      rows.map((r) => r.id),
    );
    return { data: rows.map((r) => toConnectorView(r, counts.get(r.id))), meta: pageMeta(filter, total?.n ?? 0) };
  });
}

export async function getConnector(ctx: ServiceContext, id: string): Promise<ConnectorView> {
  requirePermission(ctx, "connectors:read");
  return withTenantTx(ctx, async (tx) => {
    const row = await getConnectorInTenant(tx, ctx.tenant.id, id);
    const counts = await routerCounts(tx, ctx.tenant.id, [id]);
    return toConnectorView(row, counts.get(id));
  });
}
