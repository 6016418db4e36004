import { env } from "cloudflare:workers";
import { SignJWT } from "jose";
import { base64Url } from "../../src/lib/crypto";
import { JWT_ALG, loadKeys } from "../../src/lib/jwt";

/** The test Worker's token settings (test/vitest.config.ts bindings; defaults of src/env.ts). */
function settings() {
  const e = env as unknown as Record<string, string | undefined>;
  return {
    privateKey: e.JWT_PRIVATE_KEY as string,
    issuer: e.JWT_ISSUER ?? "rtrwnet",
    audience: e.JWT_AUDIENCE ?? "rtrwnet-api",
  };
}

export interface TokenClaims {
  user_id: string;
  tenant_id: string;
  role: string;
}

/**
 * Signs an access token with the test Worker's own key, with any issue/expiry times (seconds since
 * the epoch), so tests can present tokens the login endpoint would never hand out (expired ones).
 */
export async function signTestToken(
  claims: TokenClaims,
  opts: { iat?: number; exp: number; privateKey?: string; issuer?: string; audience?: string },
): Promise<string> {
  const s = settings();
  const keys = await loadKeys(opts.privateKey ?? s.privateKey);
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: JWT_ALG, kid: keys.kid, typ: "JWT" })
    .setSubject(claims.user_id)
    .setIssuer(opts.issuer ?? s.issuer)
    .setAudience(opts.audience ?? s.audience)
    .setIssuedAt(opts.iat ?? opts.exp - 900)
    .setExpirationTime(opts.exp)
    .sign(keys.privateKey);
}

/** A token whose `exp` passed `secondsAgo` seconds ago (issued 15 minutes before that). */
export function expiredToken(claims: TokenClaims, secondsAgo = 60): Promise<string> {
  const exp = Math.floor(Date.now() / 1000) - secondsAgo;
  return signTestToken(claims, { exp, iat: exp - 900 });
}

/** A well-formed, unexpired token signed by an Ed25519 key the Worker does not know. */
export async function foreignKeyToken(claims: TokenClaims): Promise<string> {
  const pair = (await crypto.subtle.generateKey({ name: "Ed25519" }, true, ["sign", "verify"])) as CryptoKeyPair;
  const jwk = await crypto.subtle.exportKey("jwk", pair.privateKey);
  return signTestToken(claims, { exp: Math.floor(Date.now() / 1000) + 600, privateKey: JSON.stringify(jwk) });
}

/** The classic downgrade: `alg: none`, with an empty (or any) signature. */
export function unsignedToken(claims: TokenClaims, signature = ""): string {
  const enc = (o: unknown) => base64Url(new TextEncoder().encode(JSON.stringify(o)));
  const now = Math.floor(Date.now() / 1000);
  const s = settings();
  const payload = { ...claims, sub: claims.user_id, iss: s.issuer, aud: s.audience, iat: now, exp: now + 600 };
  return `${enc({ alg: "none", typ: "JWT" })}.${enc(payload)}.${signature}`;
}
