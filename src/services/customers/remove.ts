import { and, eq } from "drizzle-orm";
import { customers } from "../../db/schema";
import { type ServiceContext, withTenantTx } from "../context";
import { recordChange } from "../events/record";
import { requirePermission } from "../permissions";
import { getCustomerInTenant } from "./internal";
import { toCustomerView } from "./view";

/**
 * Soft delete (Property 14): the row stays with `deleted_at` set — payments, tickets and boosts keep
 * their customer — and disappears from lists, GET and stats. Its PPPoE username is freed (the unique
 * index covers live rows only); the `customer.delete` event tells provisioning to remove the secret.
 */
export async function deleteCustomer(ctx: ServiceContext, id: string): Promise<void> {
  requirePermission(ctx, "customers:write");
  const tenantId = ctx.tenant.id;
  await withTenantTx(ctx, async (tx, txCtx) => {
    const before = await getCustomerInTenant(tx, tenantId, id, true);
    const now = new Date();
    await tx
      .update(customers)
      .set({ deletedAt: now, updatedAt: now })
      .where(and(eq(customers.tenantId, tenantId), eq(customers.id, id)));
    await recordChange(tx, txCtx, {
      tenantId,
      action: "delete",
      entityType: "customer",
      entityId: id,
      changes: { ...toCustomerView(before), deletedAt: now.toISOString() },
    });
  });
}
