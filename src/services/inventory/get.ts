import { type ServiceContext, withTenantTx } from "../context";
import { requirePermission } from "../permissions";
import { getItemInTenant, type ItemView, toItemView } from "./internal";

export async function getItem(ctx: ServiceContext, id: string): Promise<ItemView> {
  requirePermission(ctx, "inventory:read");
  return withTenantTx(ctx, async (tx) => toItemView(await getItemInTenant(tx, ctx.tenant.id, id)));
}
