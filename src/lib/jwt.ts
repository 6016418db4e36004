import { type CryptoKey, calculateJwkThumbprint, importJWK, type JWK, type JWTPayload, jwtVerify, SignJWT } from "jose";

/**
 * Access tokens: EdDSA (Ed25519) JWTs signed with the key in the `JWT_PRIVATE_KEY` secret (a JWK).
 * Ed25519 over RS256: the same asymmetric property (verifiers need only the public key), 64-byte
 * signatures and far cheaper signing inside the Workers CPU budget. `kid` is the key's thumbprint,
 * so a rotated key can be told apart.
 */
export const JWT_ALG = "EdDSA";

export interface AccessClaims {
  user_id: string;
  tenant_id: string;
  role: string;
}

interface KeySet {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
}

/** Imported keys per isolate, by their JWK text: importing costs more than verifying. Pure cache. */
const keyCache = new Map<string, Promise<KeySet>>();

export function loadKeys(privateJwkText: string): Promise<KeySet> {
  let keys = keyCache.get(privateJwkText);
  if (!keys) {
    keys = importKeys(privateJwkText);
    keyCache.set(privateJwkText, keys);
    keys.catch(() => keyCache.delete(privateJwkText));
  }
  return keys;
}

async function importKeys(privateJwkText: string): Promise<KeySet> {
  const jwk = JSON.parse(privateJwkText) as JWK;
  // The public half: without the private scalar and without `key_ops`/`ext` (a WebCrypto export
  // says "sign", which a verifying key must not claim).
  const { d: _d, key_ops: _ops, ext: _ext, ...publicJwk } = jwk;
  const [privateKey, publicKey, kid] = await Promise.all([
    importJWK(jwk, JWT_ALG),
    importJWK(publicJwk, JWT_ALG),
    calculateJwkThumbprint(publicJwk),
  ]);
  return { kid, privateKey: privateKey as CryptoKey, publicKey: publicKey as CryptoKey };
}

export interface TokenOptions {
  issuer: string;
  audience: string;
  ttlSeconds: number;
}

export async function signAccessToken(
  privateJwkText: string,
  claims: AccessClaims,
  opts: TokenOptions,
): Promise<string> {
  const keys = await loadKeys(privateJwkText);
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: JWT_ALG, kid: keys.kid, typ: "JWT" })
    .setSubject(claims.user_id)
    .setIssuer(opts.issuer)
    .setAudience(opts.audience)
    .setIssuedAt(Date.now() / 1000)
    .setJti(crypto.randomUUID())
    .setExpirationTime(`${opts.ttlSeconds}s`)
    .sign(keys.privateKey);
}

export type VerifiedAccess = AccessClaims & JWTPayload & { iat: number };

/**
 * When the token was issued, in ms. `iat` is a NumericDate, which may be fractional (RFC 7519 §2);
 * we sign it with milliseconds so that a password change kills every token issued before it, even
 * one issued in the same second, while a sign-in right after it stays valid.
 */
export function issuedAtMs(claims: { iat: number }): number {
  return Math.round(claims.iat * 1000);
}

/**
 * Verifies signature, algorithm (only EdDSA: `alg: none` and HMAC confusion are refused), issuer,
 * audience and expiry, then the claim shapes. Throws on anything wrong; callers answer 401.
 */
export async function verifyAccessToken(
  privateJwkText: string,
  token: string,
  opts: Omit<TokenOptions, "ttlSeconds">,
): Promise<VerifiedAccess> {
  const keys = await loadKeys(privateJwkText);
  const { payload } = await jwtVerify(token, keys.publicKey, {
    algorithms: [JWT_ALG],
    issuer: opts.issuer,
    audience: opts.audience,
    requiredClaims: ["exp", "iat", "sub"],
  });
  const { user_id, tenant_id, role, iat } = payload as Record<string, unknown>;
  if (
    typeof user_id !== "string" ||
    typeof tenant_id !== "string" ||
    typeof role !== "string" ||
    typeof iat !== "number"
  ) {
    throw new Error("token claims are malformed");
  }
  return payload as VerifiedAccess;
}
