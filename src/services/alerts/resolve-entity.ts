import { and, asc, eq, ne } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { alerts } from "../../db/schema";
import type { ServiceContext } from "../context";
import type { AlertView } from "./internal";
import { markResolved } from "./raise";

/**
 * Resolves every unresolved alert (any type) about one entity, inside the caller's transaction:
 * for when the entity itself goes away (a deleted device or router), so its offline alert does not
 * stay open forever with nothing left to clear it. Each one is recorded as an automatic
 * `alert.resolve`. Pass the context `withTenantTx` hands to its callback.
 */
export async function resolveAlertsOfEntity(
  tx: Tx,
  ctx: ServiceContext,
  target: { entityType: string; entityId: string },
  now: Date = new Date(),
): Promise<AlertView[]> {
  const tenantId = ctx.tenant.id;
  const open = await tx
    .select()
    .from(alerts)
    .where(
      and(
        eq(alerts.tenantId, tenantId),
        eq(alerts.entityType, target.entityType),
        eq(alerts.entityId, target.entityId),
        ne(alerts.status, "resolved"),
      ),
    )
    .orderBy(asc(alerts.id))
    .for("update");
  const resolved: AlertView[] = [];
  for (const alert of open) resolved.push(await markResolved(tx, ctx, alert, now, true));
  return resolved;
}
