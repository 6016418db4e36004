import type { OpArgs, OpResult } from "../../../src/protocol/index.ts";
import { parseDuration } from "../routeros/duration.ts";
import { RouterOsError } from "../routeros/errors.ts";
import type { RouterApi } from "../routeros/session.ts";

/** Disconnects every active PPP session of that user (it reconnects with the new profile); none is fine. */
export async function kickSession(api: RouterApi, args: OpArgs<"kickSession">): Promise<OpResult<"kickSession">> {
  const active = await api.call(["/ppp/active/print", `?name=${args.name}`, "=.proplist=.id"]);
  let kicked = 0;
  for (const row of active) {
    const id = row[".id"];
    if (!id) continue;
    try {
      await api.call(["/ppp/active/remove", `=.id=${id}`]);
      kicked++;
    } catch (e) {
      // The session ended on its own in between.
      if (!(e instanceof RouterOsError && e.kind === "trap" && /no such item/.test(e.message))) throw e;
    }
  }
  return { kicked };
}

export async function getSession(api: RouterApi, args: OpArgs<"getSession">): Promise<OpResult<"getSession">> {
  const [row] = await api.call(["/ppp/active/print", `?name=${args.name}`]);
  if (!row) return { session: null };
  return {
    session: {
      name: row.name ?? args.name,
      service: row.service ?? "pppoe",
      ...(row.address ? { address: row.address } : {}),
      ...(row["caller-id"] ? { callerId: row["caller-id"] } : {}),
      uptimeSeconds: parseDuration(row.uptime ?? "") ?? 0,
    },
  };
}
