import type { OpResult } from "../../../src/protocol/index.ts";
import { parseDuration } from "../routeros/duration.ts";
import type { RouterApi } from "../routeros/session.ts";

function int(v: string | undefined): number {
  const n = Number(v);
  return Number.isSafeInteger(n) && n >= 0 ? n : 0;
}

/** Identity, version and resources: proves reachability, API service and credentials in one go. */
export async function testRouter(api: RouterApi): Promise<OpResult<"testRouter">> {
  const [identity] = await api.call(["/system/identity/print"]);
  const [res] = await api.call(["/system/resource/print"]);
  return {
    identity: identity?.name ?? "",
    version: res?.version ?? "",
    ...(res?.["board-name"] ? { boardName: res["board-name"] } : {}),
    uptimeSeconds: parseDuration(res?.uptime ?? "") ?? 0,
    cpuLoad: Math.min(100, int(res?.["cpu-load"])),
    freeMemory: int(res?.["free-memory"]),
    totalMemory: int(res?.["total-memory"]),
  };
}
