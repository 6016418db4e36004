import { eq } from "drizzle-orm";
import { tenants } from "../../db/schema";
import { diff, recordAudit } from "../audit/record";
import { type TenantDeps, tenantConnectorIds } from "./connector-sockets";
import { getTenantOrThrow, type TenantView, toTenantView } from "./internal";
import type { PlatformContext } from "./platform-context";
import type { UpdateTenantInput } from "./schemas";

/**
 * Renames, re-zones or (de)activates a tenant. A deactivated tenant's requests get 403 at once, and
 * after commit its open realtime sockets and its connectors' sockets are closed (both were
 * authorised at connect time only; connectors are refused from then on until it is reactivated).
 *
 * Deactivation keeps what its connectors' gateways have queued. Dropping it would not be undone by
 * the provisioning sweeper alone: the sweeper re-plans customers still `pending`, which covers each
 * customer's own router, but not the clean-ups on a previous router or under a previous PPPoE name
 * (they report nothing), plan-profile pushes or an operator's reconcile fixes — a reactivated
 * tenant would be left with stale secrets enabled on its routers. Keeping exposes nothing new: the
 * queue sits in the gateway's storage exactly as while a connector is offline, and nothing is sent
 * since the connector cannot connect. Commands whose deadline passes meanwhile fail as for any
 * offline connector. Deletion drops the queues (`remove.ts`).
 */
export async function updateTenant(
  ctx: PlatformContext,
  id: string,
  input: UpdateTenantInput,
  deps: TenantDeps,
): Promise<TenantView> {
  const { view, connectorIds } = await ctx.db.transaction(async (tx) => {
    const before = await getTenantOrThrow(tx, id);
    const changes = diff(before, input);
    const ids = async (active: boolean) => (active ? [] : await tenantConnectorIds(tx, id));
    if (Object.keys(changes).length === 0)
      return { view: toTenantView(before), connectorIds: await ids(before.isActive) };
    const [after] = await tx
      .update(tenants)
      .set({ ...input, updatedAt: new Date() })
      .where(eq(tenants.id, id))
      .returning();
    if (!after) throw new Error("update returned no tenant");
    await recordAudit(tx, ctx, { tenantId: id, action: "update", entityType: "tenant", entityId: id, changes });
    return { view: toTenantView(after), connectorIds: await ids(after.isActive) };
  });
  if (!view.isActive) {
    await deps.sessions.closeTenant(id, "tenant deactivated");
    await deps.connectors.close(connectorIds, "tenant deactivated");
  }
  return view;
}
