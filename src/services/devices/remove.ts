import { and, eq } from "drizzle-orm";
import { devices } from "../../db/schema";
import { resolveAlertsOfEntity } from "../alerts/resolve-entity";
import { type ServiceContext, withTenantTx } from "../context";
import { recordChange } from "../events/record";
import { requirePermission } from "../permissions";
import { deleteOrConflict } from "./in-use";
import { getDeviceInTenant, toDeviceView } from "./internal";

/**
 * Hard-deletes a device. No table references devices today; should one do so with a restricting
 * foreign key, the delete becomes a 409 (Property 17) through `deleteOrConflict`, unchanged.
 */
export async function deleteDevice(ctx: ServiceContext, id: string): Promise<void> {
  requirePermission(ctx, "devices:write");
  const tenantId = ctx.tenant.id;
  await deleteOrConflict("device", id, () =>
    withTenantTx(ctx, async (tx, txCtx) => {
      const device = await getDeviceInTenant(tx, tenantId, id, true);
      await tx.delete(devices).where(and(eq(devices.tenantId, tenantId), eq(devices.id, id)));
      await recordChange(tx, txCtx, {
        tenantId,
        action: "delete",
        entityType: "device",
        entityId: id,
        changes: toDeviceView(device),
      });
      /** Nothing is left to come back online: its open alerts (e.g. offline) are closed with it. */
      await resolveAlertsOfEntity(tx, txCtx, { entityType: "device", entityId: id });
    }),
  );
}
