import { base64Url, fromBase64Url } from "./crypto";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Small signed, expiring tokens the server hands out and later takes back from the same hands
 * (device tokens, unlock links): `<kind>.<base64url JSON payload>.<base64url HMAC-SHA256>`. The
 * HMAC key is derived (HKDF-SHA256) from an existing Worker secret with the token kind as the
 * `info`, so every kind has its own key, no new secret is needed, and a token of one kind is never
 * valid as another. Rotating the secret ends every such token, as it ends the sessions.
 */
export interface SignedTokenKind<P extends object> {
  kind: string;
  /** Checks the decoded payload's shape; anything else reads as no token. */
  parse(payload: unknown): P | undefined;
}

export async function signToken<P extends object>(
  secret: string,
  kind: SignedTokenKind<P>,
  payload: P,
  expiresAt: Date,
): Promise<string> {
  const body = base64Url(encoder.encode(JSON.stringify({ ...payload, exp: expiresAt.getTime() })));
  const signed = `${kind.kind}.${body}`;
  const mac = await crypto.subtle.sign("HMAC", await tokenKey(secret, kind.kind), encoder.encode(signed));
  return `${signed}.${base64Url(new Uint8Array(mac))}`;
}

/** The payload of a genuine, unexpired token of `kind`; undefined for anything else. */
export async function verifyToken<P extends object>(
  secret: string,
  kind: SignedTokenKind<P>,
  token: string,
  now = Date.now(),
): Promise<P | undefined> {
  const parts = token.split(".");
  if (parts.length !== 3 || parts[0] !== kind.kind || token.length > 2048) return undefined;
  const [, body, mac] = parts as [string, string, string];
  try {
    const ok = await crypto.subtle.verify(
      "HMAC",
      await tokenKey(secret, kind.kind),
      fromBase64Url(mac),
      encoder.encode(`${kind.kind}.${body}`),
    );
    if (!ok) return undefined;
    const payload = JSON.parse(decoder.decode(fromBase64Url(body))) as { exp?: unknown };
    if (typeof payload.exp !== "number" || payload.exp <= now) return undefined;
    return kind.parse(payload);
  } catch {
    return undefined; // not base64url, not JSON: not a token of ours
  }
}

async function tokenKey(secret: string, kind: string): Promise<CryptoKey> {
  const base = await crypto.subtle.importKey("raw", encoder.encode(secret), "HKDF", false, ["deriveKey"]);
  return crypto.subtle.deriveKey(
    { name: "HKDF", hash: "SHA-256", salt: new Uint8Array(32), info: encoder.encode(`rtrwnet signed token: ${kind}`) },
    base,
    { name: "HMAC", hash: "SHA-256", length: 256 },
    false,
    ["sign", "verify"],
  );
}
