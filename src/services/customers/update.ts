import { and, eq } from "drizzle-orm";
import { type Customer, customers } from "../../db/schema";
import { diff } from "../audit/record";
import { type ServiceContext, withTenantTx } from "../context";
import { ConflictError, InvalidInputError } from "../errors";
import { recordChange } from "../events/record";
import { requirePermission } from "../permissions";
import { findPlanInTenant } from "../service-plans/internal";
import { requireSecrets } from "./create";
import {
  getCustomerInTenant,
  requireCoordinatePair,
  requirePppoeUsernameFree,
  requireRouterInTenant,
  requireSellablePlan,
  rethrowPppoeDuplicate,
} from "./internal";
import { defaultPppoeUsername, GENERATED_USERNAME } from "./pppoe";
import type { UpdateCustomerInput } from "./schemas";
import { type CustomerView, toCustomerView } from "./view";

/** Fields the router reflects: changing one puts the customer back to provisioning `pending`. */
const PROVISIONED: (keyof Customer)[] = ["servicePlanId", "routerId", "pppoeUsername", "pppoePasswordEnc"];

/**
 * Changes what was sent. A plan change (audited and announced as `plan_change`) must name a plan
 * of the tenant that is on sale (else 400), is refused while a speed boost is active (409: the
 * boost would revert to a plan the customer no longer has). The monthly fee follows the new plan's
 * price when it was the old plan's price; a negotiated fee (any other: a discount, an old price kept)
 * stays as it is (issue 11). A fee sent along is taken as it is.
 */
export async function updateCustomer(
  ctx: ServiceContext,
  id: string,
  input: UpdateCustomerInput,
): Promise<CustomerView> {
  requirePermission(ctx, "customers:write");
  const tenantId = ctx.tenant.id;
  const { pppoePassword, ...fields } = input;
  const patch: Partial<Customer> = { ...fields, ...(fields.notes === "" ? { notes: null } : {}) };
  if (pppoePassword !== undefined) patch.pppoePasswordEnc = await requireSecrets(ctx).encrypt(pppoePassword);
  try {
    return await withTenantTx(ctx, async (tx, txCtx) => {
      const before = await getCustomerInTenant(tx, tenantId, id, true);
      const planChanged = patch.servicePlanId !== undefined && patch.servicePlanId !== before.servicePlanId;
      if (planChanged && patch.servicePlanId) {
        if (before.effectivePlanId) throw new ConflictError(`Customer ${id} has an active speed boost`);
        const plan = await requireSellablePlan(tx, tenantId, patch.servicePlanId, "servicePlanId");
        const old = await findPlanInTenant(tx, tenantId, before.servicePlanId);
        patch.monthlyFee ??= old && before.monthlyFee === old.price ? plan.price : before.monthlyFee;
      }
      if (patch.routerId) await requireRouterInTenant(tx, tenantId, patch.routerId);
      requireCoordinatePair(
        patch.latitude !== undefined ? patch.latitude : before.latitude,
        patch.longitude !== undefined ? patch.longitude : before.longitude,
      );
      const username = fields.pppoeUsername;
      if (username !== undefined && username !== before.pppoeUsername) {
        if (GENERATED_USERNAME.test(username) && username !== defaultPppoeUsername(before.customerCode)) {
          throw new InvalidInputError("cust-<number> usernames are reserved for generated ones", "pppoeUsername");
        }
        await requirePppoeUsernameFree(tx, tenantId, username, id);
      }
      const changes = diff(before, patch);
      if (Object.keys(changes).length === 0) return toCustomerView(before);
      const reprovision = PROVISIONED.some((k) => k in changes);
      const [after] = await tx
        .update(customers)
        .set({
          ...patch,
          ...(reprovision ? { provisioningState: "pending" as const, provisioningError: null } : {}),
          updatedAt: new Date(),
        })
        .where(and(eq(customers.tenantId, tenantId), eq(customers.id, id)))
        .returning();
      if (!after) throw new Error("update returned no customer");
      const view = toCustomerView(after);
      await recordChange(tx, txCtx, {
        tenantId,
        action: planChanged ? "plan_change" : "update",
        entityType: "customer",
        entityId: id,
        changes,
        event: { changes, customer: view },
      });
      return view;
    });
  } catch (err) {
    rethrowPppoeDuplicate(err, input.pppoeUsername);
  }
}
