import { type OpResult, parseManagedComment } from "../../../src/protocol/index.ts";
import type { RouterApi } from "../routeros/session.ts";

/**
 * Every secret and profile carrying our comment tag, for reconciliation. RouterOS queries only match
 * whole values, so this reads the (small) columns of all rows and filters by prefix here. A secret's
 * password is included when RouterOS shows it to our API user (never logged here).
 */
export async function listManaged(api: RouterApi): Promise<OpResult<"listManaged">> {
  const secrets = await api.call(["/ppp/secret/print", "=.proplist=name,profile,disabled,comment,password"]);
  const profiles = await api.call(["/ppp/profile/print", "=.proplist=name,rate-limit,comment"]);
  return {
    secrets: secrets.flatMap((s) => {
      const customerId = parseManagedComment(s.comment);
      return customerId === undefined || s.name === undefined
        ? []
        : [
            {
              name: s.name,
              customerId,
              profile: s.profile ?? "",
              disabled: s.disabled === "true" || s.disabled === "yes",
              ...(s.password === undefined ? {} : { password: s.password }),
            },
          ];
    }),
    profiles: profiles.flatMap((p) => {
      const planId = parseManagedComment(p.comment);
      return planId === undefined || p.name === undefined
        ? []
        : [{ name: p.name, planId, rateLimit: p["rate-limit"] ?? "" }];
    }),
  };
}
