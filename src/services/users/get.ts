import { toUserView, type UserView } from "../auth/current-user";
import { type ServiceContext, withTenantTx } from "../context";
import { requirePermission } from "../permissions";
import { getUserInTenant } from "./internal";

export async function getUser(ctx: ServiceContext, id: string): Promise<UserView> {
  requirePermission(ctx, "users:read");
  return withTenantTx(ctx, async (tx) => toUserView(await getUserInTenant(tx, ctx.tenant.id, id)));
}
