import type { OpArgs, OpResult } from "../../../src/protocol/index.ts";
import type { RouterApi } from "../routeros/session.ts";
import { findByName } from "./named.ts";
import { OpError, requireManaged } from "./op-error.ts";

/** Our secret is enabled or disabled (suspension); an existing session is not touched (see `kickSession`). */
export async function setSecretDisabled(
  api: RouterApi,
  args: OpArgs<"setSecretDisabled">,
): Promise<OpResult<"setSecretDisabled">> {
  const secret = await findByName(api, "/ppp/secret", args.name);
  const id = secret?.[".id"];
  if (!secret || !id) throw new OpError("not_found", `no PPP secret named ${args.name}`);
  requireManaged("/ppp/secret", secret);
  if ((secret.disabled === "true" || secret.disabled === "yes") === args.disabled) return { id, changed: false };
  await api.call(["/ppp/secret/set", `=.id=${id}`, `=disabled=${args.disabled ? "yes" : "no"}`]);
  return { id, changed: true };
}
