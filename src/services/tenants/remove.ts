import { eq, sql } from "drizzle-orm";
import { tenants } from "../../db/schema";
import { type TenantDeps, tenantConnectorIds } from "./connector-sockets";
import { getTenantOrThrow } from "./internal";
import type { PlatformContext } from "./platform-context";

/**
 * Deletes a tenant and, by cascade, every row it owns (spec Property 2), including its audit log:
 * `app.purge_tenant` is the one exception the audit immutability trigger allows, and only for the
 * system role. Nothing of other tenants is touched. The purge itself is logged, since the tenant's
 * own audit trail goes with it: the caller logs it. After commit the tenant's realtime sockets are
 * closed (its hub's replay buffer empties itself within the replay window), and so are its
 * connectors' sockets, whose gateways also drop their outboxes: the queued commands carry PPPoE
 * passwords of customers that no longer exist, and no tenant is left to send them for. The
 * connectors' ids are read before the cascade removes them.
 */
export async function deleteTenant(ctx: PlatformContext, id: string, deps: TenantDeps): Promise<void> {
  const connectorIds = await ctx.db.transaction(async (tx) => {
    await getTenantOrThrow(tx, id);
    const ids = await tenantConnectorIds(tx, id);
    await tx.execute(sql`select set_config('app.purge_tenant', ${id}, true)`);
    await tx.delete(tenants).where(eq(tenants.id, id));
    return ids;
  });
  await deps.sessions.closeTenant(id, "tenant deleted");
  await deps.connectors.purge(connectorIds, "tenant deleted");
}
