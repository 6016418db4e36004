import { and, asc, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { refreshTokens, type User, users } from "../../db/schema";
import { ConflictError, NotFoundError } from "../errors";

/** Fetch-or-throw a user of the tenant: 404 for unknown ids and other tenants' ids alike. */
export async function getUserInTenant(db: DbOrTx, tenantId: string, id: string): Promise<User> {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.id, id)))
    .limit(1);
  if (!row) throw new NotFoundError("user", id);
  return row;
}

/**
 * The invariant "a tenant always keeps an active admin", race-safe: the tenant's active admin rows
 * are locked (in id order, so two callers cannot deadlock) before the target is read. A concurrent
 * demotion of another admin waits for this transaction, then re-checks the rows it locked against
 * the committed state, so two admins demoting each other cannot both succeed.
 */
export async function lockActiveAdminIds(tx: DbOrTx, tenantId: string): Promise<string[]> {
  const admins = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.role, "admin"), eq(users.isActive, true)))
    .orderBy(asc(users.id))
    .for("update");
  return admins.map((a) => a.id);
}

/** Whether a change of this shape could take away an admin (so the admin rows must be locked first). */
export function mayRemoveAdmin(change: { role?: string; isActive?: boolean }): boolean {
  return (change.role !== undefined && change.role !== "admin") || change.isActive === false;
}

/** Refuses a change that demotes or deactivates the tenant's last active admin. */
export function requireAdminLeft(
  before: Pick<User, "id" | "role" | "isActive">,
  change: { role?: string; isActive?: boolean },
  lockedAdminIds: string[],
): void {
  const adminBefore = before.role === "admin" && before.isActive;
  const adminAfter = (change.role ?? before.role) === "admin" && (change.isActive ?? before.isActive);
  if (adminBefore && !adminAfter && !lockedAdminIds.some((id) => id !== before.id)) {
    throw new ConflictError("A tenant must keep at least one active admin; promote another user first");
  }
}

/** Ends every session of the user: refresh tokens revoked (access tokens die by their own checks). */
export async function revokeSessions(tx: DbOrTx, tenantId: string, userId: string): Promise<void> {
  await tx
    .update(refreshTokens)
    .set({ revokedAt: new Date() })
    .where(
      and(eq(refreshTokens.tenantId, tenantId), eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt)),
    );
}
