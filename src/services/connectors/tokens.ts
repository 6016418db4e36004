import { randomToken, sha256Hex } from "../../lib/crypto";

/**
 * Connector credentials. Both the enrollment token and the long-lived secret are 32 random bytes
 * (base64url, no dot, so `parseConnectorToken` tells a token from `<id>.<secret>`). Only their
 * SHA-256 is stored: with 256 bits of entropy a fast hash is as good as a slow KDF (nothing to
 * brute-force), and it keeps the WebSocket upgrade cheap.
 */
export const ENROLLMENT_TTL_MS = 24 * 3600 * 1000;

export function newConnectorToken(): string {
  return randomToken(32);
}

export function hashConnectorToken(token: string): Promise<string> {
  return sha256Hex(token);
}
