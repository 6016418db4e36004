import { managedComment, type OpArgs, type OpResult } from "../../../src/protocol/index.ts";
import type { RouterApi } from "../routeros/session.ts";
import { ensureNamed } from "./named.ts";

/**
 * The customer's PPPoE secret exists with exactly these credentials, profile and state. A secret of
 * that name made by hand (no `rtrw:` comment) is never taken over: the op fails `not_managed` and
 * the secret stays as it is. Adopting existing secrets is a deliberate import, not a side effect.
 */
export function ensureSecret(api: RouterApi, args: OpArgs<"ensureSecret">): Promise<OpResult<"ensureSecret">> {
  return ensureNamed(
    api,
    "/ppp/secret",
    {
      name: args.name,
      password: args.password,
      profile: args.profile,
      service: args.service,
      comment: managedComment(args.comment),
      disabled: args.disabled ? "yes" : "no",
    },
    { managedOnly: true },
  );
}
