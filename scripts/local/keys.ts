/** Fresh secrets for local development and tests (production sets its own with `wrangler secret put`). */
import { generateKeyPairSync, randomBytes } from "node:crypto";

/** An Ed25519 private key as JWK text: what `JWT_PRIVATE_KEY` holds. */
export function newJwtPrivateKey(): string {
  const { privateKey } = generateKeyPairSync("ed25519");
  return JSON.stringify(privateKey.export({ format: "jwk" }));
}

/** 32 random bytes, base64: what `ENCRYPTION_KEY` holds. */
export function newEncryptionKey(): string {
  return randomBytes(32).toString("base64");
}

export function newPlatformKey(): string {
  return `plat_${randomBytes(24).toString("base64url")}`;
}
