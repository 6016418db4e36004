import { type ServiceContext, withTenantTx } from "../context";
import { requirePermission } from "../permissions";
import { getTicketInTenant, type TicketView, toTicketView } from "./internal";

export async function getTicket(ctx: ServiceContext, id: string): Promise<TicketView> {
  requirePermission(ctx, "tickets:read");
  return withTenantTx(ctx, async (tx) => toTicketView(await getTicketInTenant(tx, ctx.tenant.id, id)));
}
