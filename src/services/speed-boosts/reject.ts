import { and, eq } from "drizzle-orm";
import { speedBoosts } from "../../db/schema";
import { type ServiceContext, withTenantTx } from "../context";
import { ConflictError } from "../errors";
import { recordChange } from "../events/record";
import { requirePermission } from "../permissions";
import { getBoostInTenant, type SpeedBoostView, toBoostView } from "./internal";
import type { RejectSpeedBoostInput } from "./schemas";

/** Rejects a pending boost, keeping the reason on the row (Property 36); anything else is a 409. */
export async function rejectSpeedBoost(
  ctx: ServiceContext,
  id: string,
  input: RejectSpeedBoostInput,
): Promise<SpeedBoostView> {
  requirePermission(ctx, "speed_boosts:write");
  const tenantId = ctx.tenant.id;
  return withTenantTx(ctx, async (tx, txCtx) => {
    const boost = await getBoostInTenant(tx, tenantId, id, true);
    if (boost.status !== "pending") throw new ConflictError(`Speed boost ${id} is ${boost.status}, not pending`);
    const [after] = await tx
      .update(speedBoosts)
      .set({ status: "rejected", rejectionReason: input.reason, updatedAt: new Date() })
      .where(and(eq(speedBoosts.tenantId, tenantId), eq(speedBoosts.id, id)))
      .returning();
    if (!after) throw new Error("update returned no speed boost");
    await recordChange(tx, txCtx, {
      tenantId,
      action: "reject",
      entityType: "speed_boost",
      entityId: id,
      changes: { status: { old: "pending", new: "rejected" }, rejectionReason: input.reason },
    });
    return toBoostView(after);
  });
}
