import { and, count, desc, eq, type SQL } from "drizzle-orm";
import { type SPEED_BOOST_STATUSES, speedBoosts } from "../../db/schema";
import { type Page, type PageQuery, pageMeta } from "../../lib/pagination";
import { type ServiceContext, withTenantTx } from "../context";
import { requirePermission } from "../permissions";
import { type SpeedBoostView, toBoostView } from "./internal";

export interface ListSpeedBoostsFilter extends PageQuery {
  status?: (typeof SPEED_BOOST_STATUSES)[number];
  customerId?: string;
}

/** Newest request first, id as the tie-break. */
export async function listSpeedBoosts(
  ctx: ServiceContext,
  filter: ListSpeedBoostsFilter,
): Promise<Page<SpeedBoostView>> {
  requirePermission(ctx, "speed_boosts:read");
  const conds: SQL[] = [eq(speedBoosts.tenantId, ctx.tenant.id)];
  if (filter.status) conds.push(eq(speedBoosts.status, filter.status));
  if (filter.customerId) conds.push(eq(speedBoosts.customerId, filter.customerId));
  const where = and(...conds);
  return withTenantTx(ctx, async (tx) => {
    const rows = await tx
      .select()
      .from(speedBoosts)
      .where(where)
      .orderBy(desc(speedBoosts.requestDate), desc(speedBoosts.id))
      .limit(filter.limit)
      .offset((filter.page - 1) * filter.limit);
    const [total] = await tx.select({ n: count() }).from(speedBoosts).where(where);
    return { data: rows.map(toBoostView), meta: pageMeta(filter, total?.n ?? 0) };
  });
}
