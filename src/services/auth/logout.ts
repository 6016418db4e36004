import { eq, sql } from "drizzle-orm";
import { refreshTokens, users } from "../../db/schema";
import { recordAudit } from "../audit/record";
import { type ServiceContext, withTenantTx } from "../context";
import { hashRefreshToken } from "./tokens";

/**
 * Ends the session the refresh token belongs to: its whole family is revoked, so neither it nor a
 * successor works again. Unknown or already-revoked tokens are accepted silently (idempotent).
 */
export async function logout(ctx: ServiceContext, token: string): Promise<void> {
  const tokenHash = await hashRefreshToken(token);
  await withTenantTx(ctx, async (tx) => {
    const [row] = await tx
      .select({ familyId: refreshTokens.familyId, userId: users.id, role: users.role })
      .from(refreshTokens)
      .innerJoin(users, eq(users.id, refreshTokens.userId))
      .where(eq(refreshTokens.tokenHash, tokenHash))
      .limit(1);
    if (!row) return;
    await tx
      .update(refreshTokens)
      .set({ revokedAt: sql`coalesce(${refreshTokens.revokedAt}, now())` })
      .where(eq(refreshTokens.familyId, row.familyId));
    const actor = { type: "user", userId: row.userId, role: row.role } as const;
    await recordAudit(
      tx,
      { ...ctx, actor },
      { tenantId: ctx.tenant.id, action: "logout", entityType: "user", entityId: row.userId },
    );
  });
}
