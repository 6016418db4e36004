import { InvalidInputError } from "./errors";

/**
 * A stored write-only secret (a router's API password, an SMTP password) is only as safe as the
 * place it is sent to. Whoever can change that place without knowing the secret could have it
 * delivered to a host of their own (a stolen admin token pointing a router at another address,
 * the connector then logs in there with the stored password). So a change of where the secret
 * goes needs the secret in the same request, as a password form asks for the current password.
 *
 * `changes` is the update's `{ field: { old, new } }` diff; `destination` the fields that decide
 * where the secret goes. A destination changed to null sends it nowhere (a router detached from
 * its connector) and needs nothing. Nothing stored, nothing to protect. Otherwise: a 400
 * VALIDATION_ERROR naming `secretField`, thrown before anything is written.
 */
export function assertSecretResupplied(opts: {
  changes: Record<string, { old: unknown; new: unknown }>;
  destination: readonly string[];
  secretField: string;
  secretSent: boolean;
  secretStored: boolean;
}): void {
  if (opts.secretSent || !opts.secretStored) return;
  const moved = opts.destination.filter((f) => {
    const change = opts.changes[f];
    return change !== undefined && change.new !== null && change.new !== undefined;
  });
  if (moved.length === 0) return;
  throw new InvalidInputError(
    `Changing ${moved.join(", ")} changes where the stored ${opts.secretField} is sent: send ${opts.secretField} again in the same request`,
    opts.secretField,
  );
}
