import { base64Url, fromBase64Url, timingSafeEqualBytes } from "./crypto";

/**
 * User passwords: PBKDF2-HMAC-SHA256 through WebCrypto, 100 000 iterations (the most the Workers
 * runtime accepts), 16-byte random salt, 32-byte key. Native code, so it fits the CPU budget of a
 * request where a JavaScript bcrypt/scrypt would not. Stored self-describing, so the cost can rise
 * later and old hashes still verify: `pbkdf2_sha256$<iterations>$<salt>$<hash>`.
 */
export const PBKDF2_ITERATIONS = 100_000;
const encoder = new TextEncoder();

export async function hashPassword(password: string, iterations = PBKDF2_ITERATIONS): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const key = await derive(password, salt, iterations);
  return `pbkdf2_sha256$${iterations}$${base64Url(salt)}$${base64Url(key)}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, iter, saltText, hashText] = stored.split("$");
  const iterations = Number(iter);
  if (scheme !== "pbkdf2_sha256" || !Number.isInteger(iterations) || !saltText || !hashText) return false;
  const key = await derive(password, fromBase64Url(saltText), iterations);
  return timingSafeEqualBytes(key, fromBase64Url(hashText));
}

/** Whether a stored hash was made with fewer iterations than today's, so login can re-hash it. */
export function needsRehash(stored: string): boolean {
  return Number(stored.split("$")[1]) < PBKDF2_ITERATIONS;
}

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const material = await crypto.subtle.importKey("raw", encoder.encode(password), "PBKDF2", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, material, 256);
  return new Uint8Array(bits);
}
