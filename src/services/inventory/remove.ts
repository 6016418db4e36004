import { and, eq } from "drizzle-orm";
import { infrastructureItems } from "../../db/schema";
import { type ServiceContext, withTenantTx } from "../context";
import { recordChange } from "../events/record";
import { requirePermission } from "../permissions";
import { getItemInTenant, toItemView } from "./internal";
import { syncLowStockAlert } from "./low-stock";

/**
 * Soft delete (Property 14): the row stays with `deleted_at` set and drops out of every read; its
 * low-stock alert is resolved, since nobody will refill an item that is gone.
 */
export async function deleteItem(ctx: ServiceContext, id: string, now: Date = new Date()): Promise<void> {
  requirePermission(ctx, "inventory:write");
  const tenantId = ctx.tenant.id;
  await withTenantTx(ctx, async (tx, txCtx) => {
    const item = await getItemInTenant(tx, tenantId, id, true);
    const [after] = await tx
      .update(infrastructureItems)
      .set({ deletedAt: now, updatedAt: now })
      .where(and(eq(infrastructureItems.tenantId, tenantId), eq(infrastructureItems.id, id)))
      .returning();
    if (!after) throw new Error("update returned no item");
    await recordChange(tx, txCtx, {
      tenantId,
      action: "delete",
      entityType: "infrastructure_item",
      entityId: id,
      changes: toItemView(item),
    });
    await syncLowStockAlert(tx, txCtx, after);
  });
}
