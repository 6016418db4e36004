import { type ServiceContext, withTenantTx } from "../context";
import { requirePermission } from "../permissions";
import { getPaymentInTenant, type PaymentView, toPaymentView } from "./internal";

export async function getPayment(ctx: ServiceContext, id: string): Promise<PaymentView> {
  requirePermission(ctx, "payments:read");
  return withTenantTx(ctx, async (tx) => toPaymentView(await getPaymentInTenant(tx, ctx.tenant.id, id)));
}
