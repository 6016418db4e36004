import { type ServiceContext, withTenantTx } from "../context";
import { requirePermission } from "../permissions";
import { getRouterInTenant, type RouterView, toRouterView } from "./internal";

export async function getMikrotikRouter(ctx: ServiceContext, id: string): Promise<RouterView> {
  requirePermission(ctx, "routers:read");
  return withTenantTx(ctx, async (tx) => toRouterView(await getRouterInTenant(tx, ctx.tenant.id, id)));
}
