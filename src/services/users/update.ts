import { and, eq } from "drizzle-orm";
import { users } from "../../db/schema";
import { diff } from "../audit/record";
import { toUserView, type UserView } from "../auth/current-user";
import { type ServiceContext, withTenantTx } from "../context";
import type { SessionDeps } from "../events/hub-sessions";
import { recordChange } from "../events/record";
import { requirePermission } from "../permissions";
import { getUserInTenant, lockActiveAdminIds, mayRemoveAdmin, requireAdminLeft, revokeSessions } from "./internal";
import type { UpdateUserInput } from "./schemas";

/**
 * Renames, changes the role of, or (de)activates a user. Demoting or deactivating the tenant's last
 * active admin is a 409. A role change or deactivation applies to the user's very next request
 * (authentication re-reads the user); deactivation also ends the user's sessions. After commit, a
 * changed role or a deactivation closes the user's realtime sockets, whose role was fixed at connect.
 */
export async function updateUser(
  ctx: ServiceContext,
  id: string,
  input: UpdateUserInput,
  deps: SessionDeps,
): Promise<UserView> {
  requirePermission(ctx, "users:write");
  const tenantId = ctx.tenant.id;
  let endSockets = false;
  const result = await withTenantTx(ctx, async (tx, txCtx) => {
    const admins = mayRemoveAdmin(input) ? await lockActiveAdminIds(tx, tenantId) : [];
    const before = await getUserInTenant(tx, tenantId, id);
    const changes = diff(before, input);
    if (Object.keys(changes).length === 0) return toUserView(before);
    requireAdminLeft(before, input, admins);
    const [after] = await tx
      .update(users)
      .set({ ...input, updatedAt: new Date() })
      .where(and(eq(users.tenantId, tenantId), eq(users.id, id)))
      .returning();
    if (!after) throw new Error("update returned no user");
    if (input.isActive === false) await revokeSessions(tx, tenantId, id);
    endSockets = "role" in changes || (input.isActive === false && "isActive" in changes);
    const view = toUserView(after);
    await recordChange(tx, txCtx, {
      tenantId,
      action: "update",
      entityType: "user",
      entityId: id,
      changes,
      event: { changes, user: view },
    });
    return view;
  });
  if (endSockets)
    await deps.sessions.closeUser(tenantId, id, input.isActive === false ? "account deactivated" : "role changed");
  return result;
}
