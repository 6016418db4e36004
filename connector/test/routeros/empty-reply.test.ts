import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { session, sim } from "../support/sim.ts";

const SIM = fileURLToPath(new URL("../../sim/index.ts", import.meta.url));

/**
 * Why `receiver-guard.ts` exists: node-routeros 1.6.9 on its own dies on RouterOS 7.18's `!empty`.
 * Run in a child process, because the failure is an uncaught exception.
 */
describe("RouterOS 7.18 !empty", () => {
  it("crashes bare node-routeros 1.6.9 (the simulator reproduces the bug)", () => {
    const script = `
      import { RouterOSAPI } from "node-routeros";
      import { startRouterOsSim } from ${JSON.stringify(SIM)};
      const sim = await startRouterOsSim({ mode: "7.18", users: [{ name: "a", password: "b" }] });
      const api = new RouterOSAPI({ host: "127.0.0.1", port: sim.port, user: "a", password: "b" });
      await api.connect();
      await api.write(["/ppp/secret/print", "?name=nobody"]);
      console.log("survived");
      process.exit(0);
    `;
    const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
      cwd: fileURLToPath(new URL("..", import.meta.url)),
      encoding: "utf8",
      timeout: 10_000,
    });
    expect(child.stdout).not.toContain("survived");
    expect(child.status).not.toBe(0);
    expect(child.stderr).toContain("Tried to process unknown reply: !empty");
  });

  it("is an empty result through the adapter, and the session goes on", async () => {
    const s = await sim({ mode: "7.18" });
    const r = session(s);
    expect(await r.call(["/ppp/secret/print", "?name=nobody"])).toEqual([]);
    expect(await r.call(["/ppp/active/print", "?name=nobody"])).toEqual([]);
    expect(await r.call(["/system/identity/print"])).toEqual([{ name: "MikroTik" }]);
  });
});
