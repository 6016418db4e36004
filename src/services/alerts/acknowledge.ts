import { and, eq } from "drizzle-orm";
import { alerts } from "../../db/schema";
import { diff } from "../audit/record";
import { actorUserId, type ServiceContext, withTenantTx } from "../context";
import { ConflictError } from "../errors";
import { recordChange } from "../events/record";
import { requirePermission } from "../permissions";
import { type AlertView, getAlertInTenant, toAlertView } from "./internal";
import { markResolved } from "./raise";

/**
 * open → acknowledged: someone is on it. Acknowledging an acknowledged alert again is a no-op that
 * answers 200 with the first acknowledgement kept (a retried request is harmless, and the record of
 * who picked it up first stays true); a resolved alert cannot be acknowledged (409).
 */
export async function acknowledgeAlert(ctx: ServiceContext, id: string, now: Date = new Date()): Promise<AlertView> {
  requirePermission(ctx, "alerts:write");
  const tenantId = ctx.tenant.id;
  return withTenantTx(ctx, async (tx, txCtx) => {
    const before = await getAlertInTenant(tx, tenantId, id, true);
    if (before.status === "acknowledged") return toAlertView(before);
    if (before.status === "resolved") throw new ConflictError(`Alert ${id} is already resolved`);
    const patch = { status: "acknowledged" as const, acknowledgedBy: actorUserId(ctx.actor), acknowledgedAt: now };
    const [after] = await tx
      .update(alerts)
      .set(patch)
      .where(and(eq(alerts.tenantId, tenantId), eq(alerts.id, id)))
      .returning();
    if (!after) throw new Error("update returned no alert");
    await recordChange(tx, txCtx, {
      tenantId,
      action: "acknowledge",
      entityType: "alert",
      entityId: id,
      changes: diff(before, patch),
    });
    return toAlertView(after);
  });
}

/**
 * open | acknowledged → resolved by a person. Resolving a resolved alert is a no-op (200). If the
 * condition persists, the next detector run (or stock change) raises a fresh alert.
 */
export async function resolveAlert(ctx: ServiceContext, id: string, now: Date = new Date()): Promise<AlertView> {
  requirePermission(ctx, "alerts:write");
  return withTenantTx(ctx, async (tx, txCtx) => {
    const before = await getAlertInTenant(tx, ctx.tenant.id, id, true);
    if (before.status === "resolved") return toAlertView(before);
    return markResolved(tx, txCtx, before, now, false);
  });
}
