import { managedComment, type OpArgs, type OpResult } from "../../../src/protocol/index.ts";
import type { RouterApi } from "../routeros/session.ts";
import { ensureNamed } from "./named.ts";

/**
 * The customer's PPPoE secret exists with exactly these credentials, profile and state. A secret of
 * that name made by hand is adopted (it gets our comment), which is how an ISP migrates to us.
 */
export function ensureSecret(api: RouterApi, args: OpArgs<"ensureSecret">): Promise<OpResult<"ensureSecret">> {
  return ensureNamed(api, "/ppp/secret", {
    name: args.name,
    password: args.password,
    profile: args.profile,
    service: args.service,
    comment: managedComment(args.comment),
    disabled: args.disabled ? "yes" : "no",
  });
}
