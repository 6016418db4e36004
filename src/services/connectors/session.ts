import { type ServiceContext, withTenantTx } from "../context";
import { getCustomerInTenant } from "../customers/internal";
import { ConflictError } from "../errors";
import { recordChange } from "../events/record";
import { requirePermission } from "../permissions";
import type { ConnectorGatewayClient } from "./gateway";
import { askRouter, requireAnswer, routerLink } from "./router-ops";

async function customerLink(ctx: ServiceContext, customerId: string) {
  return withTenantTx(ctx, async (tx) => {
    const customer = await getCustomerInTenant(tx, ctx.tenant.id, customerId);
    if (!customer.routerId) throw new ConflictError(`Customer ${customer.customerCode} has no router assigned`);
    if (!customer.pppoeUsername) throw new ConflictError(`Customer ${customer.customerCode} has no PPPoE username`);
    const link = await routerLink(tx, ctx.tenant.id, customer.routerId);
    return { customer, username: customer.pppoeUsername, link };
  });
}

export interface CustomerSession {
  customerId: string;
  routerId: string;
  online: boolean;
  session: {
    username: string;
    service: string;
    address: string | null;
    callerId: string | null;
    uptimeSeconds: number;
  } | null;
}

/** The customer's active PPPoE session, asked of its router through the connector (503 if it cannot be asked). */
export async function getCustomerSession(
  ctx: ServiceContext,
  gateway: ConnectorGatewayClient,
  customerId: string,
): Promise<CustomerSession> {
  requirePermission(ctx, "customers:read");
  const { customer, username, link } = await customerLink(ctx, customerId);
  const answer = await askRouter(gateway, link, { op: "getSession", args: { name: username } });
  const { session } = requireAnswer(answer, `Router ${link.router.name}`);
  return {
    customerId: customer.id,
    routerId: link.router.id,
    online: session !== null,
    session: session && {
      username: session.name,
      service: session.service,
      address: session.address ?? null,
      callerId: session.callerId ?? null,
      uptimeSeconds: session.uptimeSeconds,
    },
  };
}

/** Drops the customer's PPPoE session (the CPE dials again at once); audited. `kicked: 0` when offline. */
export async function disconnectCustomerSession(
  ctx: ServiceContext,
  gateway: ConnectorGatewayClient,
  customerId: string,
): Promise<{ customerId: string; kicked: number }> {
  requirePermission(ctx, "customers:write");
  const { customer, username, link } = await customerLink(ctx, customerId);
  const answer = await askRouter(gateway, link, { op: "kickSession", args: { name: username } });
  const { kicked } = requireAnswer(answer, `Router ${link.router.name}`);
  await withTenantTx(ctx, (tx, txCtx) =>
    recordChange(tx, txCtx, {
      tenantId: ctx.tenant.id,
      action: "session_disconnect",
      entityType: "customer",
      entityId: customer.id,
      changes: { routerId: link.router.id, username, kicked },
    }),
  );
  return { customerId: customer.id, kicked };
}
