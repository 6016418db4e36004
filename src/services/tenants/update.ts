import { eq } from "drizzle-orm";
import { tenants } from "../../db/schema";
import { diff, recordAudit } from "../audit/record";
import type { SessionDeps } from "../events/hub-sessions";
import { getTenantOrThrow, type TenantView, toTenantView } from "./internal";
import type { PlatformContext } from "./platform-context";
import type { UpdateTenantInput } from "./schemas";

/**
 * Renames, re-zones or (de)activates a tenant. A deactivated tenant's requests get 403 at once, and
 * after commit its open realtime sockets are closed (they were authorised at connect time only).
 */
export async function updateTenant(
  ctx: PlatformContext,
  id: string,
  input: UpdateTenantInput,
  deps: SessionDeps,
): Promise<TenantView> {
  const view = await ctx.db.transaction(async (tx) => {
    const before = await getTenantOrThrow(tx, id);
    const changes = diff(before, input);
    if (Object.keys(changes).length === 0) return toTenantView(before);
    const [after] = await tx
      .update(tenants)
      .set({ ...input, updatedAt: new Date() })
      .where(eq(tenants.id, id))
      .returning();
    if (!after) throw new Error("update returned no tenant");
    await recordAudit(tx, ctx, { tenantId: id, action: "update", entityType: "tenant", entityId: id, changes });
    return toTenantView(after);
  });
  if (!view.isActive) await deps.sessions.closeTenant(id, "tenant deactivated");
  return view;
}
