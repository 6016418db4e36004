import { type ServiceContext, withTenantTx } from "../context";
import { requirePermission } from "../permissions";
import { getBoostInTenant, type SpeedBoostView, toBoostView } from "./internal";

export async function getSpeedBoost(ctx: ServiceContext, id: string): Promise<SpeedBoostView> {
  requirePermission(ctx, "speed_boosts:read");
  return withTenantTx(ctx, async (tx) => toBoostView(await getBoostInTenant(tx, ctx.tenant.id, id)));
}
