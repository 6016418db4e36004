/**
 * `.dev.vars` (git-ignored, wrangler's convention) holds the local Worker's secrets. `npm start`
 * writes the missing ones: random keys on first run, kept afterwards so logins survive restarts.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { newEncryptionKey, newJwtPrivateKey, newPlatformKey } from "./keys.ts";

export function parseDevVars(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const m = /^\s*([A-Z0-9_]+)\s*=\s*(.*)\s*$/.exec(line);
    if (!m) continue;
    let value = m[2] as string;
    if (value.startsWith('"') && value.endsWith('"')) value = JSON.parse(value) as string;
    else if (value.startsWith("'") && value.endsWith("'")) value = value.slice(1, -1);
    out[m[1] as string] = value;
  }
  return out;
}

/** Generated once per machine; later issues add keys here (JWT, encryption) and old files gain them. */
export function generatedSecrets(): Record<string, () => string> {
  return {
    PLATFORM_API_KEY: newPlatformKey,
    JWT_PRIVATE_KEY: newJwtPrivateKey,
    ENCRYPTION_KEY: newEncryptionKey,
    BACKUP_ENCRYPTION_KEY: newEncryptionKey,
  };
}

export function ensureDevVars(path: string, fixed: Record<string, string>): Record<string, string> {
  const current = existsSync(path) ? parseDevVars(readFileSync(path, "utf8")) : {};
  const vars: Record<string, string> = { ...current, ...fixed };
  for (const [name, make] of Object.entries(generatedSecrets())) vars[name] ??= make();
  const body = Object.entries(vars)
    .map(([k, v]) => `${k}=${quoteDevVar(v)}`)
    .join("\n");
  writeFileSync(path, `# Local secrets for wrangler dev. Written by npm start; safe to delete.\n${body}\n`, {
    mode: 0o600,
  });
  return vars;
}

/**
 * wrangler reads `.dev.vars` with dotenv, which does not undo `\"` inside double quotes: a value
 * holding double quotes (the JWK of JWT_PRIVATE_KEY) is written single-quoted, which dotenv keeps
 * literally.
 */
function quoteDevVar(v: string): string {
  return v.includes('"') && !v.includes("'") && !v.includes("\n") ? `'${v}'` : JSON.stringify(v);
}
