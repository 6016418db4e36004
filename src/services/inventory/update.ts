import { and, eq } from "drizzle-orm";
import { infrastructureItems } from "../../db/schema";
import { diff } from "../audit/record";
import { type ServiceContext, withTenantTx } from "../context";
import { recordChange } from "../events/record";
import { requirePermission } from "../permissions";
import { getItemInTenant, type ItemView, toItemView } from "./internal";
import { syncLowStockAlert } from "./low-stock";
import type { UpdateItemInput } from "./schemas";

/** Changes what was sent (not the quantity: see adjust-quantity.ts); a new minimum re-checks the stock. */
export async function updateItem(ctx: ServiceContext, id: string, input: UpdateItemInput): Promise<ItemView> {
  requirePermission(ctx, "inventory:write");
  const tenantId = ctx.tenant.id;
  const patch = { ...input, ...(input.notes === "" ? { notes: null } : {}) };
  return withTenantTx(ctx, async (tx, txCtx) => {
    const before = await getItemInTenant(tx, tenantId, id, true);
    const changes = diff(before, patch);
    if (Object.keys(changes).length === 0) return toItemView(before);
    const [after] = await tx
      .update(infrastructureItems)
      .set({ ...patch, updatedAt: new Date() })
      .where(and(eq(infrastructureItems.tenantId, tenantId), eq(infrastructureItems.id, id)))
      .returning();
    if (!after) throw new Error("update returned no item");
    await recordChange(tx, txCtx, {
      tenantId,
      action: "update",
      entityType: "infrastructure_item",
      entityId: id,
      changes,
    });
    if (changes.minimumQuantity) await syncLowStockAlert(tx, txCtx, after);
    return toItemView(after);
  });
}
