import { and, eq } from "drizzle-orm";
import { customers, speedBoosts } from "../../db/schema";
import { actorUserId, type ServiceContext, withTenantTx } from "../context";
import { violatedUniqueIndex } from "../customers/internal";
import { ConflictError } from "../errors";
import { recordChange } from "../events/record";
import { requirePermission } from "../permissions";
import { findLiveCustomerForUpdate, getBoostInTenant, type SpeedBoostView, toBoostView } from "./internal";

const DAY_MS = 86_400_000;

/**
 * Approves a pending boost, which starts at once (Property 34): status active, start = now, end =
 * start + duration_days × 24 h (Indonesia has no daylight saving, so days are 24 h everywhere it
 * matters), and the customer's effective plan becomes the boost plan. 409 when the boost is not
 * pending, the customer is gone or not active, their plan changed since the request, or they
 * already have an active boost (the partial unique index settles a race between two approvals).
 */
export async function approveSpeedBoost(ctx: ServiceContext, id: string, now = new Date()): Promise<SpeedBoostView> {
  requirePermission(ctx, "speed_boosts:write");
  const tenantId = ctx.tenant.id;
  try {
    return await withTenantTx(ctx, async (tx, txCtx) => {
      const boost = await getBoostInTenant(tx, tenantId, id, true);
      if (boost.status !== "pending") throw new ConflictError(`Speed boost ${id} is ${boost.status}, not pending`);
      const customer = await findLiveCustomerForUpdate(tx, tenantId, boost.customerId);
      if (!customer) throw new ConflictError(`Customer ${boost.customerId} no longer exists`);
      if (customer.status !== "active")
        throw new ConflictError(`Customer ${customer.customerCode} is ${customer.status}`);
      if (customer.servicePlanId !== boost.currentPlanId) {
        throw new ConflictError(`Customer ${customer.customerCode} changed plan since the request; request again`);
      }
      if (customer.effectivePlanId)
        throw new ConflictError(`Customer ${customer.customerCode} already has an active boost`);
      const endDate = new Date(now.getTime() + boost.durationDays * DAY_MS);
      const [after] = await tx
        .update(speedBoosts)
        .set({ status: "active", startDate: now, endDate, approvedBy: actorUserId(ctx.actor), updatedAt: now })
        .where(and(eq(speedBoosts.tenantId, tenantId), eq(speedBoosts.id, id)))
        .returning();
      if (!after) throw new Error("update returned no speed boost");
      await tx
        .update(customers)
        .set({
          effectivePlanId: boost.boostPlanId,
          provisioningState: "pending",
          provisioningError: null,
          updatedAt: now,
        })
        .where(and(eq(customers.tenantId, tenantId), eq(customers.id, customer.id)));
      const view = toBoostView(after);
      await recordChange(tx, txCtx, {
        tenantId,
        action: "approve",
        entityType: "speed_boost",
        entityId: id,
        changes: { status: { old: "pending", new: "active" }, startDate: view.startDate, endDate: view.endDate },
      });
      await recordChange(tx, txCtx, {
        tenantId,
        action: "plan_change",
        entityType: "customer",
        entityId: customer.id,
        changes: { effectivePlanId: { old: null, new: boost.boostPlanId } },
        event: { effectivePlanId: { old: null, new: boost.boostPlanId }, speedBoostId: id, until: view.endDate },
      });
      return view;
    });
  } catch (err) {
    if (violatedUniqueIndex(err) === "speed_boosts_one_active_per_customer") {
      throw new ConflictError("The customer already has an active boost");
    }
    throw err;
  }
}
