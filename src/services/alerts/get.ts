import { type ServiceContext, withTenantTx } from "../context";
import { requirePermission } from "../permissions";
import { type AlertView, getAlertInTenant, toAlertView } from "./internal";

export async function getAlert(ctx: ServiceContext, id: string): Promise<AlertView> {
  requirePermission(ctx, "alerts:read");
  return withTenantTx(ctx, async (tx) => toAlertView(await getAlertInTenant(tx, ctx.tenant.id, id)));
}
