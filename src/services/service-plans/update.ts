import { and, eq } from "drizzle-orm";
import { servicePlans } from "../../db/schema";
import { diff } from "../audit/record";
import { type ServiceContext, withTenantTx } from "../context";
import { DuplicateError } from "../errors";
import { recordChange } from "../events/record";
import { requirePermission } from "../permissions";
import { isUniqueViolation } from "../tenants/create";
import { invalidatePlanCatalogue } from "./cache";
import { assertPlanNameFree } from "./create";
import { getPlanInTenant, type PlanView, toPlanView } from "./internal";
import type { UpdatePlanInput } from "./schemas";

/**
 * Changes what was sent. Customers keep their own `monthly_fee` (copied at sign-up), so a price
 * change applies to new subscriptions only; a speed change reaches routers via the event.
 */
export async function updatePlan(ctx: ServiceContext, id: string, input: UpdatePlanInput): Promise<PlanView> {
  requirePermission(ctx, "plans:write");
  const tenantId = ctx.tenant.id;
  const patch = { ...input, ...(input.description === "" ? { description: null } : {}) };
  try {
    const { view, changed } = await withTenantTx(ctx, async (tx, txCtx) => {
      const before = await getPlanInTenant(tx, tenantId, id, true);
      const changes = diff(before, patch);
      if (Object.keys(changes).length === 0) return { view: toPlanView(before), changed: false };
      if (patch.name !== undefined && patch.name !== before.name)
        await assertPlanNameFree(tx, tenantId, patch.name, id);
      const [after] = await tx
        .update(servicePlans)
        .set({ ...patch, updatedAt: new Date() })
        .where(and(eq(servicePlans.tenantId, tenantId), eq(servicePlans.id, id)))
        .returning();
      if (!after) throw new Error("update returned no plan");
      await recordChange(tx, txCtx, { tenantId, action: "update", entityType: "service_plan", entityId: id, changes });
      return { view: toPlanView(after), changed: true };
    });
    if (changed) await invalidatePlanCatalogue(tenantId);
    return view;
  } catch (err) {
    if (isUniqueViolation(err)) throw new DuplicateError("service plan", "name", input.name ?? "");
    throw err;
  }
}
