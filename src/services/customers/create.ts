import { customers } from "../../db/schema";
import { type ServiceContext, withTenantTx } from "../context";
import { InvalidInputError } from "../errors";
import { recordChange } from "../events/record";
import { requirePermission } from "../permissions";
import {
  allocateCustomerCode,
  requireCoordinatePair,
  requirePppoeUsernameFree,
  requireRouterInTenant,
  requireSellablePlan,
  rethrowPppoeDuplicate,
} from "./internal";
import { defaultPppoeUsername, GENERATED_USERNAME, generatePppoePassword } from "./pppoe";
import type { CreateCustomerInput } from "./schemas";
import { type CustomerView, toCustomerView } from "./view";

export function requireSecrets(ctx: ServiceContext) {
  if (!ctx.secrets) throw new Error("secret box missing from the service context");
  return ctx.secrets;
}

/**
 * Signs a customer up: a fresh code (`CUST-000123`), status active, provisioning pending, monthly
 * fee = the plan's price unless given, PPPoE username = the code in lower case unless given, PPPoE
 * password generated unless given (stored encrypted). The code is allocated last, so the counter's
 * row lock is held as briefly as possible.
 */
export async function createCustomer(ctx: ServiceContext, input: CreateCustomerInput): Promise<CustomerView> {
  requirePermission(ctx, "customers:write");
  const tenantId = ctx.tenant.id;
  requireCoordinatePair(input.latitude ?? null, input.longitude ?? null);
  if (input.pppoeUsername && GENERATED_USERNAME.test(input.pppoeUsername)) {
    // Would collide with the default username of a later customer.
    throw new InvalidInputError("cust-<number> usernames are reserved for generated ones", "pppoeUsername");
  }
  const pppoePasswordEnc = await requireSecrets(ctx).encrypt(input.pppoePassword ?? generatePppoePassword());
  let username = input.pppoeUsername;
  try {
    return await withTenantTx(ctx, async (tx, txCtx) => {
      const plan = await requireSellablePlan(tx, tenantId, input.servicePlanId, "servicePlanId");
      if (input.routerId) await requireRouterInTenant(tx, tenantId, input.routerId);
      if (username) await requirePppoeUsernameFree(tx, tenantId, username);
      const customerCode = await allocateCustomerCode(tx, tenantId);
      if (!username) {
        username = defaultPppoeUsername(customerCode);
        await requirePppoeUsernameFree(tx, tenantId, username);
      }
      const [row] = await tx
        .insert(customers)
        .values({
          tenantId,
          customerCode,
          name: input.name,
          email: input.email ?? null,
          phone: input.phone,
          address: input.address,
          latitude: input.latitude ?? null,
          longitude: input.longitude ?? null,
          servicePlanId: plan.id,
          routerId: input.routerId ?? null,
          installationDate: input.installationDate ?? null,
          billingDay: input.billingDay,
          monthlyFee: input.monthlyFee ?? plan.price,
          notes: input.notes || null,
          pppoeUsername: username,
          pppoePasswordEnc,
        })
        .returning();
      if (!row) throw new Error("insert returned no customer");
      const view = toCustomerView(row);
      await recordChange(tx, txCtx, {
        tenantId,
        action: "create",
        entityType: "customer",
        entityId: row.id,
        changes: view,
      });
      return view;
    });
  } catch (err) {
    rethrowPppoeDuplicate(err, username);
  }
}
