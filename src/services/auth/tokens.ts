import type { Tx } from "../../db/client";
import { refreshTokens } from "../../db/schema";
import { randomToken, sha256Hex } from "../../lib/crypto";
import { signAccessToken } from "../../lib/jwt";
import type { Role } from "../context";
import type { TokenSettings } from "./token-settings";

export interface TokenPair {
  access_token: string;
  refresh_token: string;
  token_type: "Bearer";
  expires_in: number;
}

/**
 * Refresh tokens are opaque: `rt.<tenant id>.<32 random bytes>`. The tenant id lets the refresh
 * endpoint open the right tenant's transaction (row-level security) before looking the token up;
 * the random part is the secret. Only the SHA-256 of the whole token is stored.
 */
export function parseRefreshToken(token: string): { tenantId: string } | undefined {
  const m = /^rt\.([0-9a-f-]{36})\.[A-Za-z0-9_-]{43}$/.exec(token);
  return m ? { tenantId: m[1] as string } : undefined;
}

export function hashRefreshToken(token: string): Promise<string> {
  return sha256Hex(token);
}

/** Signs an access token and stores a new refresh token of `familyId` (a new family per login). */
export async function issueTokenPair(
  tx: Tx,
  settings: TokenSettings,
  user: { id: string; tenantId: string; role: Role },
  familyId: string,
  client: { ip?: string; userAgent?: string },
): Promise<TokenPair & { refreshTokenId: string }> {
  const refresh = `rt.${user.tenantId}.${randomToken(32)}`;
  const [row] = await tx
    .insert(refreshTokens)
    .values({
      tenantId: user.tenantId,
      userId: user.id,
      tokenHash: await hashRefreshToken(refresh),
      familyId,
      expiresAt: new Date(Date.now() + settings.refreshTtlSeconds * 1000),
      ip: client.ip ?? null,
      userAgent: client.userAgent ?? null,
    })
    .returning({ id: refreshTokens.id });
  if (!row) throw new Error("refresh token insert returned nothing");
  const access = await signAccessToken(
    settings.privateKey,
    { user_id: user.id, tenant_id: user.tenantId, role: user.role },
    { issuer: settings.issuer, audience: settings.audience, ttlSeconds: settings.accessTtlSeconds },
  );
  return {
    access_token: access,
    refresh_token: refresh,
    token_type: "Bearer",
    expires_in: settings.accessTtlSeconds,
    refreshTokenId: row.id,
  };
}
