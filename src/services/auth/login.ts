import { and, eq } from "drizzle-orm";
import { users } from "../../db/schema";
import { hashPassword, needsRehash, PBKDF2_ITERATIONS, verifyPassword } from "../../lib/password";
import { recordAudit } from "../audit/record";
import { type ServiceContext, withTenantTx } from "../context";
import { UnauthorizedError } from "../errors";
import { toUserView, type UserView } from "./current-user";
import type { TokenSettings } from "./token-settings";
import { issueTokenPair, type TokenPair } from "./tokens";

export interface LoginResult extends TokenPair {
  user: UserView;
}

const INVALID = "Invalid email or password";

/**
 * A hash of nothing anyone knows (a random password, thrown away), verified when the email is
 * unknown so that an unknown email and a wrong password cost the same: one PBKDF2 run of today's
 * cost. A constant, not derived at first use, which made the first unknown email of each isolate
 * cost two runs and so stand out. Its iteration count follows PBKDF2_ITERATIONS, so the cost keeps
 * matching real hashes if it rises (the digest then matches nothing, which a decoy need not).
 */
export const DECOY_PASSWORD_HASH = `pbkdf2_sha256$${PBKDF2_ITERATIONS}$M1YNfTdx5JLZF495sJ2gzA$te0eF33mfKjh3Bd2rltfz1TyEHyo5-95gbS2CpYsYV4`;

/**
 * Email + password → access and refresh token. The same error (and similar time) for an unknown
 * email, a wrong password and a disabled account. `userId`, when given (the user a device token
 * was issued to), must be the account's user: an email re-used by a new user is another account.
 */
export async function login(
  ctx: ServiceContext,
  settings: TokenSettings,
  input: { email: string; password: string; userId?: string },
): Promise<LoginResult> {
  return withTenantTx(ctx, async (tx) => {
    const [user] = await tx
      .select()
      .from(users)
      .where(and(eq(users.tenantId, ctx.tenant.id), eq(users.email, input.email)))
      .limit(1);
    if (!user) {
      await verifyPassword(input.password, DECOY_PASSWORD_HASH);
      throw new UnauthorizedError(INVALID);
    }
    const ok = await verifyPassword(input.password, user.passwordHash);
    if (!ok || !user.isActive || (input.userId && input.userId !== user.id)) throw new UnauthorizedError(INVALID);

    const now = new Date();
    const rehash = needsRehash(user.passwordHash) ? await hashPassword(input.password) : undefined;
    await tx
      .update(users)
      .set({ lastLoginAt: now, ...(rehash ? { passwordHash: rehash } : {}) })
      .where(eq(users.id, user.id));
    const pair = await issueTokenPair(
      tx,
      settings,
      { id: user.id, tenantId: ctx.tenant.id, role: user.role },
      crypto.randomUUID(),
      ctx,
    );
    await recordAudit(
      tx,
      { ...ctx, actor: { type: "user", userId: user.id, role: user.role } },
      {
        tenantId: ctx.tenant.id,
        action: "login",
        entityType: "user",
        entityId: user.id,
      },
    );
    const { refreshTokenId: _id, ...tokens } = pair;
    return { ...tokens, user: toUserView({ ...user, lastLoginAt: now }) };
  });
}
