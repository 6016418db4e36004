import type { ServiceContext } from "../context";

/**
 * Encrypts an equipment password for storage (Property 23). A context without a secret box is a
 * wiring fault, not bad input: refusing beats storing a password in clear.
 */
export async function encryptPassword(ctx: ServiceContext, plaintext: string): Promise<string> {
  if (!ctx.secrets) throw new Error("no secret box in the service context: cannot store a password");
  return ctx.secrets.encrypt(plaintext);
}

/** `{ field: { old, new } }` minus bookkeeping, with a marker when the secret changed (redacted in audit). */
export function changesWithSecret(
  changes: Record<string, { old: unknown; new: unknown }>,
  passwordSent: boolean,
): Record<string, unknown> {
  const { updatedAt: _u, ...rest } = changes;
  return passwordSent ? { ...rest, password: "[changed]" } : rest;
}
