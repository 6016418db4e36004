import { type ServiceContext, withTenantTx } from "../context";
import { requirePermission } from "../permissions";
import { getPlanInTenant, type PlanView, toPlanView } from "./internal";

export async function getPlan(ctx: ServiceContext, id: string): Promise<PlanView> {
  requirePermission(ctx, "plans:read");
  return withTenantTx(ctx, async (tx) => toPlanView(await getPlanInTenant(tx, ctx.tenant.id, id)));
}
