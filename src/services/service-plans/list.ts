import { eq } from "drizzle-orm";
import { servicePlans } from "../../db/schema";
import { type Page, type PageQuery, pageMeta } from "../../lib/pagination";
import { type ServiceContext, withTenantTx } from "../context";
import { requirePermission } from "../permissions";
import { cachedPlanCatalogue } from "./cache";
import { type PlanView, toPlanView } from "./internal";

export interface ListPlansFilter extends PageQuery {
  /** Case-insensitive substring of the name, taken literally. */
  search?: string;
  active?: boolean;
}

/** Catalogue order: cheapest first, then name, then id (stable). Code-unit comparison, no locale. */
function byPriceNameId(a: PlanView, b: PlanView): number {
  if (a.price !== b.price) return a.price - b.price;
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Filters and pages the tenant's cached catalogue (see cache.ts). */
export async function listPlans(ctx: ServiceContext, filter: ListPlansFilter): Promise<Page<PlanView>> {
  requirePermission(ctx, "plans:read");
  const tenantId = ctx.tenant.id;
  const all = await cachedPlanCatalogue(tenantId, () =>
    withTenantTx(ctx, async (tx) => {
      const rows = await tx.select().from(servicePlans).where(eq(servicePlans.tenantId, tenantId));
      return rows.map(toPlanView);
    }),
  );
  const term = filter.search?.toLowerCase();
  const matching = all
    .filter((p) => filter.active === undefined || p.isActive === filter.active)
    .filter((p) => !term || p.name.toLowerCase().includes(term))
    .sort(byPriceNameId);
  const start = (filter.page - 1) * filter.limit;
  return { data: matching.slice(start, start + filter.limit), meta: pageMeta(filter, matching.length) };
}
