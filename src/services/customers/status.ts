import { and, eq, sql } from "drizzle-orm";
import { customers } from "../../db/schema";
import { settleIsolatedPeriods } from "../billing/isolated-periods";
import { type ServiceContext, withTenantTx } from "../context";
import { ConflictError } from "../errors";
import { recordChange } from "../events/record";
import { requirePermission } from "../permissions";
import { expireSpeedBoosts } from "../speed-boosts/expire";
import { getCustomerInTenant } from "./internal";
import type { UpdateCustomerStatusInput } from "./schemas";
import { canTransition } from "./transitions";
import { type CustomerView, toCustomerView } from "./view";

/**
 * Suspends, reinstates or terminates (see transitions.ts; anything else is a 409). The router
 * follows through the `customer.status_change` event: provisioning goes back to `pending`.
 * Reinstating or terminating a customer isolated for nonpayment ends the isolation
 * (`isolation_ended_at`, which the billing run reads). Suspending or terminating ends the
 * customer's active speed boost at once, cut to the days used (speed-boosts/expire.ts).
 */
export async function updateCustomerStatus(
  ctx: ServiceContext,
  id: string,
  input: UpdateCustomerStatusInput,
  now: Date = new Date(),
): Promise<CustomerView> {
  requirePermission(ctx, "customers:write");
  const tenantId = ctx.tenant.id;
  return withTenantTx(ctx, async (tx, txCtx) => {
    const before = await getCustomerInTenant(tx, tenantId, id, true);
    if (!canTransition(before.status, input.status)) {
      throw new ConflictError(`A ${before.status} customer cannot become ${input.status}`);
    }
    // Reinstating an isolated customer settles the months due while they were cut off (as paying would).
    if (before.suspensionCause === "nonpayment" && input.status === "active")
      await settleIsolatedPeriods(tx, txCtx, id, now);
    const [after] = await tx
      .update(customers)
      .set({
        status: input.status,
        suspensionCause: input.status === "suspended" ? "manual" : null,
        provisioningState: "pending",
        provisioningError: null,
        updatedAt: now,
        isolationEndedAt: sql`case when ${customers.suspensionCause} = 'nonpayment' then ${now.toISOString()}::timestamptz
          else ${customers.isolationEndedAt} end`,
      })
      .where(and(eq(customers.tenantId, tenantId), eq(customers.id, id)))
      .returning();
    if (!after) throw new Error("update returned no customer");
    const ended =
      input.status === "active" ? 0 : (await expireSpeedBoosts(tx, now, { tenantId, customerId: id })).expired;
    const changes = { status: { old: before.status, new: input.status }, reason: input.reason ?? null };
    await recordChange(tx, txCtx, {
      tenantId,
      action: "status_change",
      entityType: "customer",
      entityId: id,
      changes,
    });
    return toCustomerView(ended > 0 ? { ...after, effectivePlanId: null } : after);
  });
}
