import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { servicePlans } from "../../db/schema";
import { type ServiceContext, withTenantTx } from "../context";
import { DuplicateError } from "../errors";
import { recordChange } from "../events/record";
import { requirePermission } from "../permissions";
import { isUniqueViolation } from "../tenants/create";
import { invalidatePlanCatalogue } from "./cache";
import { type PlanView, toPlanView } from "./internal";
import type { CreatePlanInput } from "./schemas";

/** 409 when another plan of the tenant has this name (the unique index catches a lost race). */
export async function assertPlanNameFree(db: DbOrTx, tenantId: string, name: string, exceptId?: string) {
  const [taken] = await db
    .select({ id: servicePlans.id })
    .from(servicePlans)
    .where(and(eq(servicePlans.tenantId, tenantId), eq(servicePlans.name, name)))
    .limit(1);
  if (taken && taken.id !== exceptId) throw new DuplicateError("service plan", "name", name);
}

export async function createPlan(ctx: ServiceContext, input: CreatePlanInput): Promise<PlanView> {
  requirePermission(ctx, "plans:write");
  const tenantId = ctx.tenant.id;
  try {
    const view = await withTenantTx(ctx, async (tx, txCtx) => {
      await assertPlanNameFree(tx, tenantId, input.name);
      const [row] = await tx
        .insert(servicePlans)
        .values({ tenantId, ...input, description: input.description || null })
        .returning();
      if (!row) throw new Error("insert returned no plan");
      const created = toPlanView(row);
      await recordChange(tx, txCtx, {
        tenantId,
        action: "create",
        entityType: "service_plan",
        entityId: row.id,
        changes: created,
      });
      return created;
    });
    await invalidatePlanCatalogue(tenantId);
    return view;
  } catch (err) {
    if (isUniqueViolation(err)) throw new DuplicateError("service plan", "name", input.name);
    throw err;
  }
}
