import { createServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/log.ts";
import { RouterRegistry } from "../../src/routers.ts";
import { ADMIN, FAST, sim } from "../support/sim.ts";

const registries: RouterRegistry[] = [];
afterEach(() => {
  for (const r of registries.splice(0)) r.closeAll();
});

function registry(routers: { routerId: string; port: number }[]) {
  const r = new RouterRegistry(FAST, silentLogger);
  registries.push(r);
  r.apply(
    routers.map(({ routerId, port }) => ({
      routerId,
      host: "127.0.0.1",
      port,
      username: ADMIN.name,
      password: ADMIN.password,
    })),
  );
  return r;
}

/** A local port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

describe("router statuses (reported in hello)", () => {
  it("a router not tried yet has no reachability; one that answered is reachable; one that refused is not", async () => {
    const s = await sim();
    const r = registry([
      { routerId: "up", port: s.port },
      { routerId: "down", port: await closedPort() },
    ]);
    // Before the first poll nothing was observed: no flag (the cloud then changes nothing).
    expect(r.statuses()).toEqual([{ routerId: "up" }, { routerId: "down" }]);
    await r.get("up")?.call(["/system/identity/print"]);
    await expect(r.get("down")?.call(["/system/identity/print"])).rejects.toThrow();
    expect(r.statuses()).toEqual([
      { routerId: "up", reachable: true },
      { routerId: "down", reachable: false },
    ]);
  });
});
