import { and, eq } from "drizzle-orm";
import { users } from "../../db/schema";
import { hashPassword, verifyPassword } from "../../lib/password";
import { type ServiceContext, withTenantTx } from "../context";
import { InvalidInputError, UnauthorizedError } from "../errors";
import type { SessionDeps } from "../events/hub-sessions";
import { recordChange } from "../events/record";
import { getUserInTenant, revokeSessions } from "./internal";
import type { ChangePasswordInput } from "./schemas";

/**
 * A wrong current password (400). It carries the account's email, so the caller can count it as a
 * failed sign-in: with a stolen access token it is a password oracle otherwise.
 */
export class WrongCurrentPasswordError extends InvalidInputError {
  constructor(readonly email: string) {
    super("The current password is wrong", "current_password");
  }
}

/**
 * A signed-in user changes their own password (any role: it is their account, not a permission).
 * The current password must be right (400 otherwise: the session itself is fine). Afterwards every
 * access token issued before the change is refused and every refresh token is revoked, so all other
 * sessions end, realtime sockets included (closed after commit); the caller signs in again.
 * Audited without either password.
 */
export async function changeOwnPassword(
  ctx: ServiceContext,
  input: ChangePasswordInput,
  deps: SessionDeps,
): Promise<void> {
  if (ctx.actor.type !== "user") throw new UnauthorizedError("Only a signed-in user can change their password");
  const userId = ctx.actor.userId;
  const tenantId = ctx.tenant.id;
  const user = await withTenantTx(ctx, (tx) => getUserInTenant(tx, tenantId, userId));
  if (!(await verifyPassword(input.current_password, user.passwordHash))) {
    throw new WrongCurrentPasswordError(user.email);
  }
  if (input.new_password === input.current_password) {
    throw new InvalidInputError("The new password must differ from the current one", "new_password");
  }
  const passwordHash = await hashPassword(input.new_password);
  await withTenantTx(ctx, async (tx, txCtx) => {
    const changedAt = new Date();
    await tx
      .update(users)
      .set({ passwordHash, passwordChangedAt: changedAt, updatedAt: changedAt })
      .where(and(eq(users.tenantId, tenantId), eq(users.id, userId)));
    await revokeSessions(tx, tenantId, userId);
    await recordChange(tx, txCtx, {
      tenantId,
      action: "password_change",
      entityType: "user",
      entityId: userId,
      // Not "passwordChangedAt": the audit redaction blanks every key that looks like a password.
      changes: { changedAt: changedAt.toISOString() },
    });
  });
  await deps.sessions.closeUser(tenantId, userId, "password changed");
}
