import { type ServiceContext, withTenantTx } from "../context";
import { requirePermission } from "../permissions";
import { getCustomerInTenant } from "./internal";
import { type CustomerView, toCustomerView } from "./view";

export async function getCustomer(ctx: ServiceContext, id: string): Promise<CustomerView> {
  requirePermission(ctx, "customers:read");
  return withTenantTx(ctx, async (tx) => toCustomerView(await getCustomerInTenant(tx, ctx.tenant.id, id)));
}
