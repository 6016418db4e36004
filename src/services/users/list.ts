import { and, asc, count, eq, ilike, or, type SQL } from "drizzle-orm";
import { users } from "../../db/schema";
import { type Page, pageMeta } from "../../lib/pagination";
import { escapeLike } from "../../lib/sql";
import { toUserView, type UserView } from "../auth/current-user";
import { type ServiceContext, withTenantTx } from "../context";
import { requirePermission } from "../permissions";
import type { ListUsersFilter } from "./schemas";

/** A page of the tenant's users, oldest first (id breaks ties), filtered by role, state and search. */
export async function listUsers(ctx: ServiceContext, filter: ListUsersFilter): Promise<Page<UserView>> {
  requirePermission(ctx, "users:read");
  const conds: SQL[] = [eq(users.tenantId, ctx.tenant.id)];
  if (filter.role) conds.push(eq(users.role, filter.role));
  if (filter.active !== undefined) conds.push(eq(users.isActive, filter.active));
  if (filter.search) {
    const pattern = `%${escapeLike(filter.search)}%`;
    const match = or(ilike(users.name, pattern), ilike(users.email, pattern));
    if (match) conds.push(match);
  }
  const where = and(...conds);
  return withTenantTx(ctx, async (tx) => {
    const rows = await tx
      .select()
      .from(users)
      .where(where)
      .orderBy(asc(users.createdAt), asc(users.id))
      .limit(filter.limit)
      .offset((filter.page - 1) * filter.limit);
    const [total] = await tx.select({ n: count() }).from(users).where(where);
    return { data: rows.map(toUserView), meta: pageMeta(filter, total?.n ?? 0) };
  });
}
