import { base64Url, fromBase64Url } from "./crypto";

/**
 * Secrets at rest (router and device passwords, SMTP passwords, PPPoE passwords): AES-256-GCM with
 * the 32-byte key in the `ENCRYPTION_KEY` secret (base64), a fresh 12-byte IV per value. Stored as
 * `v1.<iv>.<ciphertext+tag>` (base64url); the version names the key, so a new key can be added
 * beside the old one later. Decryption is for the connector path only: the API never returns them.
 */
const VERSION = "v1";
const keyCache = new Map<string, Promise<CryptoKey>>();

function importKey(base64Key: string): Promise<CryptoKey> {
  let key = keyCache.get(base64Key);
  if (!key) {
    const raw = Uint8Array.from(atob(base64Key), (c) => c.charCodeAt(0));
    if (raw.length !== 32) throw new Error("ENCRYPTION_KEY must be 32 bytes, base64-encoded");
    key = crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]);
    keyCache.set(base64Key, key);
  }
  return key;
}

/** Secrets at rest bound to one key; what services receive instead of the key itself. */
export interface SecretBox {
  encrypt(plaintext: string): Promise<string>;
  decrypt(stored: string): Promise<string>;
}

export function secretBox(base64Key: string): SecretBox {
  return { encrypt: (p) => encryptSecret(base64Key, p), decrypt: (s) => decryptSecret(base64Key, s) };
}

export async function encryptSecret(base64Key: string, plaintext: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ct = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv },
    await importKey(base64Key),
    new TextEncoder().encode(plaintext),
  );
  return `${VERSION}.${base64Url(iv)}.${base64Url(new Uint8Array(ct))}`;
}

export async function decryptSecret(base64Key: string, stored: string): Promise<string> {
  const [version, ivText, ctText] = stored.split(".");
  if (version !== VERSION || !ivText || !ctText) throw new Error("unsupported secret format");
  const pt = await crypto.subtle.decrypt(
    { name: "AES-GCM", iv: fromBase64Url(ivText) },
    await importKey(base64Key),
    fromBase64Url(ctText),
  );
  return new TextDecoder().decode(pt);
}
