import { and, asc, count, eq, ilike, or, type SQL } from "drizzle-orm";
import { tenants } from "../../db/schema";
import { type Page, type PageQuery, pageMeta } from "../../lib/pagination";
import { escapeLike } from "../../lib/sql";
import { type TenantView, toTenantView } from "./internal";
import type { PlatformContext } from "./platform-context";

export interface ListTenantsFilter extends PageQuery {
  search?: string;
  active?: boolean;
}

export async function listTenants(ctx: PlatformContext, filter: ListTenantsFilter): Promise<Page<TenantView>> {
  const conds: SQL[] = [];
  if (filter.active !== undefined) conds.push(eq(tenants.isActive, filter.active));
  if (filter.search) {
    const pattern = `%${escapeLike(filter.search)}%`;
    const match = or(ilike(tenants.name, pattern), ilike(tenants.slug, pattern));
    if (match) conds.push(match);
  }
  const where = conds.length ? and(...conds) : undefined;
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select()
      .from(tenants)
      .where(where)
      .orderBy(asc(tenants.createdAt), asc(tenants.id))
      .limit(filter.limit)
      .offset((filter.page - 1) * filter.limit),
    ctx.db.select({ n: count() }).from(tenants).where(where),
  ]);
  return { data: rows.map(toTenantView), meta: pageMeta(filter, total?.n ?? 0) };
}
