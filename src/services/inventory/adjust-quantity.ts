import { and, eq } from "drizzle-orm";
import { infrastructureItems } from "../../db/schema";
import { type ServiceContext, withTenantTx } from "../context";
import { ConflictError } from "../errors";
import { recordChange } from "../events/record";
import { requirePermission } from "../permissions";
import { getItemInTenant, type ItemView, toItemView } from "./internal";
import { syncLowStockAlert } from "./low-stock";
import type { AdjustQuantityInput } from "./schemas";

/**
 * Changes the stock by `delta` or to `quantity`, with a reason. The row lock serialises concurrent
 * adjustments, so deltas add up. Using more than is in stock is a 409 (the request is well-formed;
 * the stock is what says no), and nothing is written. Every adjustment, even one that lands on the
 * same count, is audited with the old and new quantity and the reason (Property 48), then the
 * low-stock alert is brought in step (Property 49).
 */
export async function adjustItemQuantity(
  ctx: ServiceContext,
  id: string,
  input: AdjustQuantityInput,
): Promise<ItemView> {
  requirePermission(ctx, "inventory:write");
  const tenantId = ctx.tenant.id;
  return withTenantTx(ctx, async (tx, txCtx) => {
    const before = await getItemInTenant(tx, tenantId, id, true);
    const next = input.quantity ?? before.quantity + (input.delta ?? 0);
    if (next < 0) {
      throw new ConflictError(`Only ${before.quantity} ${before.unit} in stock; cannot take ${-(input.delta ?? 0)}`);
    }
    const [after] = await tx
      .update(infrastructureItems)
      .set({ quantity: next, updatedAt: new Date() })
      .where(and(eq(infrastructureItems.tenantId, tenantId), eq(infrastructureItems.id, id)))
      .returning();
    if (!after) throw new Error("update returned no item");
    await recordChange(tx, txCtx, {
      tenantId,
      action: "quantity_change",
      entityType: "infrastructure_item",
      entityId: id,
      changes: {
        quantity: { old: before.quantity, new: next },
        reason: input.reason,
        ...(input.delta === undefined ? {} : { delta: input.delta }),
      },
    });
    await syncLowStockAlert(tx, txCtx, after);
    return toItemView(after);
  });
}
