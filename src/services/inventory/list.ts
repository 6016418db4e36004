import { and, asc, count, eq, gte, ilike, isNull, lt, or, type SQL, sql } from "drizzle-orm";
import { infrastructureItems } from "../../db/schema";
import { type Page, pageMeta } from "../../lib/pagination";
import { escapeLike } from "../../lib/sql";
import { type ServiceContext, withTenantTx } from "../context";
import { requirePermission } from "../permissions";
import { type ItemView, toItemView } from "./internal";
import type { ListItemsQuery } from "./schemas";

/** Live (not deleted) items of the tenant by name, ties by id so pages are stable. */
export async function listItems(ctx: ServiceContext, filter: ListItemsQuery): Promise<Page<ItemView>> {
  requirePermission(ctx, "inventory:read");
  const t = infrastructureItems;
  const conds: SQL[] = [eq(t.tenantId, ctx.tenant.id), isNull(t.deletedAt)];
  if (filter.type) conds.push(eq(t.type, filter.type));
  if (filter.location) conds.push(sql`lower(${t.location}) = lower(${filter.location})`);
  if (filter.lowStock === true) conds.push(lt(t.quantity, t.minimumQuantity));
  if (filter.lowStock === false) conds.push(gte(t.quantity, t.minimumQuantity));
  if (filter.search) {
    const pattern = `%${escapeLike(filter.search)}%`;
    const match = or(ilike(t.name, pattern), ilike(t.notes, pattern));
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
    return { data: rows.map(toItemView), meta: pageMeta(filter, total?.n ?? 0) };
  });
}
