import { and, eq } from "drizzle-orm";
import { users } from "../../db/schema";
import { toUserView } from "../auth/current-user";
import { type ServiceContext, withTenantTx } from "../context";
import type { SessionDeps } from "../events/hub-sessions";
import { recordChange } from "../events/record";
import { requirePermission } from "../permissions";
import { getUserInTenant, lockActiveAdminIds, requireAdminLeft, revokeSessions } from "./internal";

/**
 * DELETE of a user: the account is deactivated, not removed. The row stays, because audit rows,
 * tickets and payments name it; the user can no longer sign in, and their tokens stop working at
 * once. Audited as `delete` with the record as it was. Deactivating an inactive user changes
 * nothing (no audit row); the last active admin cannot be deactivated (409). After commit the
 * user's open realtime sockets are closed (the hub checked them at connect time only); also when
 * the user was already inactive, since that costs nothing and covers a close that was lost.
 */
export async function deactivateUser(ctx: ServiceContext, id: string, deps: SessionDeps): Promise<void> {
  requirePermission(ctx, "users:write");
  const tenantId = ctx.tenant.id;
  await withTenantTx(ctx, async (tx, txCtx) => {
    const admins = await lockActiveAdminIds(tx, tenantId);
    const before = await getUserInTenant(tx, tenantId, id);
    if (!before.isActive) return;
    requireAdminLeft(before, { isActive: false }, admins);
    await tx
      .update(users)
      .set({ isActive: false, updatedAt: new Date() })
      .where(and(eq(users.tenantId, tenantId), eq(users.id, id)));
    await revokeSessions(tx, tenantId, id);
    await recordChange(tx, txCtx, {
      tenantId,
      action: "delete",
      entityType: "user",
      entityId: id,
      changes: toUserView(before),
    });
  });
  await deps.sessions.closeUser(tenantId, id, "account deactivated");
}
