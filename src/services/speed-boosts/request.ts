import { speedBoosts } from "../../db/schema";
import { type ServiceContext, withTenantTx } from "../context";
import { requireSellablePlan } from "../customers/internal";
import { ConflictError, InvalidInputError } from "../errors";
import { recordChange } from "../events/record";
import { requirePermission } from "../permissions";
import { getPlanInTenant } from "../service-plans/internal";
import { findLiveCustomerForUpdate, type SpeedBoostView, toBoostView } from "./internal";
import { speedBoostPrice } from "./price";
import type { CreateSpeedBoostInput } from "./schemas";

/**
 * Requests a boost (status pending). The customer must be live and active (suspended → 409); the
 * boost plan must be a plan of the tenant on sale with a strictly faster download than the plan the
 * customer subscribes to (else 400). The price is fixed now (Property 33) against the subscribed
 * plan, which is also recorded as `current_plan_id`.
 */
export async function requestSpeedBoost(ctx: ServiceContext, input: CreateSpeedBoostInput): Promise<SpeedBoostView> {
  requirePermission(ctx, "speed_boosts:write");
  const tenantId = ctx.tenant.id;
  return withTenantTx(ctx, async (tx, txCtx) => {
    const customer = await findLiveCustomerForUpdate(tx, tenantId, input.customerId);
    if (!customer) throw new InvalidInputError(`Customer ${input.customerId} does not exist`, "customerId");
    if (customer.status !== "active")
      throw new ConflictError(`Customer ${customer.customerCode} is ${customer.status}`);
    const current = await getPlanInTenant(tx, tenantId, customer.servicePlanId);
    const boost = await requireSellablePlan(tx, tenantId, input.boostPlanId, "boostPlanId");
    if (boost.speedDownloadMbps <= current.speedDownloadMbps) {
      throw new InvalidInputError(
        `Boost plan ${boost.name} (${boost.speedDownloadMbps} Mbps) is not faster than ${current.name} (${current.speedDownloadMbps} Mbps)`,
        "boostPlanId",
      );
    }
    const [row] = await tx
      .insert(speedBoosts)
      .values({
        tenantId,
        customerId: customer.id,
        currentPlanId: current.id,
        boostPlanId: boost.id,
        durationDays: input.durationDays,
        price: speedBoostPrice(current.price, boost.price, input.durationDays),
        notes: input.notes || null,
      })
      .returning();
    if (!row) throw new Error("insert returned no speed boost");
    const view = toBoostView(row);
    await recordChange(tx, txCtx, {
      tenantId,
      action: "create",
      entityType: "speed_boost",
      entityId: row.id,
      changes: view,
    });
    return view;
  });
}
