import type { OpArgs, OpResult } from "../../../src/protocol/index.ts";
import { RouterOsError } from "../routeros/errors.ts";
import type { RouterApi } from "../routeros/session.ts";
import { findByName } from "./named.ts";
import { requireManaged } from "./op-error.ts";

/** The named object is gone. Only ours (comment `rtrw:…`) is removed: one made by hand fails `not_managed`. */
export async function ensureAbsent(api: RouterApi, args: OpArgs<"ensureAbsent">): Promise<OpResult<"ensureAbsent">> {
  const row = await findByName(api, args.path, args.name);
  const id = row?.[".id"];
  if (!row || !id) return { removed: false };
  requireManaged(args.path, row);
  try {
    await api.call([`${args.path}/remove`, `=.id=${id}`]);
  } catch (e) {
    // Removed by someone else between our read and our remove: the end state holds.
    if (e instanceof RouterOsError && e.kind === "trap" && /no such item/.test(e.message)) return { removed: false };
    throw e;
  }
  return { removed: true };
}
