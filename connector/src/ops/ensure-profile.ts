import { managedComment, type OpArgs, type OpResult, UNASSIGNED_PLAN_ID } from "../../../src/protocol/index.ts";
import type { RouterApi } from "../routeros/session.ts";
import { ensureNamed } from "./named.ts";

/**
 * The plan's PPP profile exists with this rate limit (and pool, DNS, parent queue when given). An
 * optional property left out is left as the router has it, so an operator's own tuning survives.
 */
export function ensureProfile(api: RouterApi, args: OpArgs<"ensureProfile">): Promise<OpResult<"ensureProfile">> {
  return ensureNamed(api, "/ppp/profile", {
    name: args.name,
    "rate-limit": args.rateLimit,
    comment: managedComment(args.planId ?? UNASSIGNED_PLAN_ID),
    ...(args.localAddress === undefined ? {} : { "local-address": args.localAddress }),
    ...(args.remoteAddressPool === undefined ? {} : { "remote-address": args.remoteAddressPool }),
    ...(args.dnsServers === undefined ? {} : { "dns-server": args.dnsServers.join(",") }),
    ...(args.parentQueue === undefined ? {} : { "parent-queue": args.parentQueue }),
  });
}
