import { and, eq, sql } from "drizzle-orm";
import { customers, servicePlans, speedBoosts } from "../../db/schema";
import { type ServiceContext, withTenantTx } from "../context";
import { ConflictError } from "../errors";
import { recordChange } from "../events/record";
import { requirePermission } from "../permissions";
import { invalidatePlanCatalogue } from "./cache";
import { getPlanInTenant, toPlanView } from "./internal";

/**
 * Hard-deletes a plan no one uses (Property 17). "Used" counts every customer row, soft-deleted
 * ones included (they keep their history and their foreign key), as subscribed or effective plan,
 * and every speed boost that names it. The RESTRICT foreign keys back this check up against a race.
 */
export async function deletePlan(ctx: ServiceContext, id: string): Promise<void> {
  requirePermission(ctx, "plans:write");
  const tenantId = ctx.tenant.id;
  await withTenantTx(ctx, async (tx, txCtx) => {
    const plan = await getPlanInTenant(tx, tenantId, id, true);
    const [usage] = await tx
      .select({
        customers: sql<number>`(select count(*)::int from ${customers} where ${customers.tenantId} = ${tenantId}
          and (${customers.servicePlanId} = ${id} or ${customers.effectivePlanId} = ${id}))`,
        boosts: sql<number>`(select count(*)::int from ${speedBoosts} where ${speedBoosts.tenantId} = ${tenantId}
          and (${speedBoosts.currentPlanId} = ${id} or ${speedBoosts.boostPlanId} = ${id}))`,
      })
      .from(sql`(select 1) as one`);
    if (usage && (usage.customers > 0 || usage.boosts > 0)) {
      throw new ConflictError(
        `Service plan ${id} is used by ${usage.customers} customer(s) and ${usage.boosts} speed boost(s); ` +
          "retire it with isActive=false instead",
      );
    }
    await tx.delete(servicePlans).where(and(eq(servicePlans.tenantId, tenantId), eq(servicePlans.id, id)));
    await recordChange(tx, txCtx, {
      tenantId,
      action: "delete",
      entityType: "service_plan",
      entityId: id,
      changes: toPlanView(plan),
    });
  });
  await invalidatePlanCatalogue(tenantId);
}
