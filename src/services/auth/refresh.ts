import { and, eq, isNull, sql } from "drizzle-orm";
import { refreshTokens } from "../../db/schema";
import { type ServiceContext, withTenantTx } from "../context";
import { UnauthorizedError } from "../errors";
import { loadUser } from "./current-user";
import type { TokenSettings } from "./token-settings";
import { hashRefreshToken, issueTokenPair, type TokenPair } from "./tokens";

const INVALID = "Invalid or expired refresh token";
const REUSED = "Refresh token reuse detected; all sessions of this login were ended";

/**
 * Rotation: a refresh token is good once. Using it revokes it and issues a successor in the same
 * family. Presenting an already-rotated token means it was copied: the whole family is revoked, so
 * the thief's and the victim's sessions both end (the victim signs in again).
 */
export async function refresh(ctx: ServiceContext, settings: TokenSettings, token: string): Promise<TokenPair> {
  const tokenHash = await hashRefreshToken(token);
  const outcome = await withTenantTx(ctx, async (tx) => {
    const [row] = await tx.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, tokenHash)).limit(1);
    if (!row) return { ok: false, error: INVALID } as const;
    if (row.revokedAt) {
      await revokeFamily(tx, row.familyId);
      return { ok: false, error: REUSED } as const;
    }
    if (row.expiresAt.getTime() <= Date.now()) return { ok: false, error: INVALID } as const;
    const user = await loadUser(tx, row.userId);
    if (!user?.isActive) return { ok: false, error: INVALID } as const;

    // Claim the token: of two concurrent refreshes only one updates the row.
    const claimed = await tx
      .update(refreshTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(refreshTokens.id, row.id), isNull(refreshTokens.revokedAt)))
      .returning({ id: refreshTokens.id });
    if (claimed.length === 0) {
      await revokeFamily(tx, row.familyId);
      return { ok: false, error: REUSED } as const;
    }
    const pair = await issueTokenPair(
      tx,
      settings,
      { id: user.id, tenantId: ctx.tenant.id, role: user.role },
      row.familyId,
      ctx,
    );
    await tx.update(refreshTokens).set({ replacedBy: pair.refreshTokenId }).where(eq(refreshTokens.id, row.id));
    const { refreshTokenId: _id, ...tokens } = pair;
    return { ok: true, tokens } as const;
  });
  // The family revocation must commit, so the 401 is raised only after the transaction.
  if (!outcome.ok) throw new UnauthorizedError(outcome.error);
  return outcome.tokens;
}

async function revokeFamily(tx: Parameters<Parameters<typeof withTenantTx>[1]>[0], familyId: string) {
  await tx
    .update(refreshTokens)
    .set({ revokedAt: sql`coalesce(${refreshTokens.revokedAt}, now())` })
    .where(eq(refreshTokens.familyId, familyId));
}
