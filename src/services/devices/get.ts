import { type ServiceContext, withTenantTx } from "../context";
import { requirePermission } from "../permissions";
import { type DeviceView, getDeviceInTenant, toDeviceView } from "./internal";

export async function getDevice(ctx: ServiceContext, id: string): Promise<DeviceView> {
  requirePermission(ctx, "devices:read");
  return withTenantTx(ctx, async (tx) => toDeviceView(await getDeviceInTenant(tx, ctx.tenant.id, id)));
}
