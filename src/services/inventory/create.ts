import { infrastructureItems } from "../../db/schema";
import { type ServiceContext, withTenantTx } from "../context";
import { recordChange } from "../events/record";
import { requirePermission } from "../permissions";
import { type ItemView, toItemView } from "./internal";
import { syncLowStockAlert } from "./low-stock";
import type { CreateItemInput } from "./schemas";

/** Adds an item to the stock; one that starts below its minimum raises its low-stock alert at once. */
export async function createItem(ctx: ServiceContext, input: CreateItemInput): Promise<ItemView> {
  requirePermission(ctx, "inventory:write");
  const tenantId = ctx.tenant.id;
  return withTenantTx(ctx, async (tx, txCtx) => {
    const [row] = await tx
      .insert(infrastructureItems)
      .values({ tenantId, ...input, location: input.location ?? null, notes: input.notes || null })
      .returning();
    if (!row) throw new Error("insert returned no item");
    const view = toItemView(row);
    await recordChange(tx, txCtx, {
      tenantId,
      action: "create",
      entityType: "infrastructure_item",
      entityId: row.id,
      changes: view,
    });
    await syncLowStockAlert(tx, txCtx, row);
    return view;
  });
}
