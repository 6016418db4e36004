import { createServer, type Server } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import type { Devices } from "../../../src/protocol/index.ts";
import { NetworkAllowList } from "../../src/allow-list.ts";
import { runCheck } from "../../src/check.ts";
import { startConnector } from "../../src/connector.ts";
import { DeviceProber } from "../../src/device-prober.ts";
import { createLogger, silentLogger } from "../../src/log.ts";
import { CREDENTIAL, tempDir } from "../support/connector.ts";

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
});

/** A TCP listener on 127.0.0.1 counting the connections it accepted. */
async function listener() {
  let accepted = 0;
  const server = createServer((socket) => {
    accepted++;
    socket.destroy();
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("no port");
  return { port: address.port, accepted: () => accepted };
}

describe("NetworkAllowList", () => {
  it("matches IPv4 and IPv6 networks and single addresses", () => {
    const allow = new NetworkAllowList(["10.0.0.0/8", "192.168.88.5", "fd00::/8"]);
    expect(allow.allows("10.200.3.4")).toBe(true);
    expect(allow.allows("11.0.0.1")).toBe(false);
    expect(allow.allows("192.168.88.5")).toBe(true);
    expect(allow.allows("192.168.88.6")).toBe(false);
    expect(allow.allows("fd12::1")).toBe(true);
    expect(allow.allows("fe80::1")).toBe(false);
    expect(allow.allows("not-an-address")).toBe(false);
    expect(() => new NetworkAllowList(["10.0.0.0/40"])).toThrow("not a network");
  });

  it("resolves a name and lets it through only when every address is inside, connecting to a checked one", async () => {
    const loopback = new NetworkAllowList(["127.0.0.0/8", "::1"]);
    const target = await loopback.resolve("localhost");
    expect(target.ok).toBe(true);
    expect(target.ok && loopback.allows(target.address)).toBe(true);
    const elsewhere = await new NetworkAllowList(["10.0.0.0/8"]).resolve("localhost");
    expect(elsewhere).toMatchObject({ ok: false, reason: expect.stringContaining("outside") });
    const unknown = await loopback.resolve("no-such-host.invalid");
    expect(unknown).toMatchObject({ ok: false, reason: expect.stringContaining("does not resolve") });
  });
});

describe("device probes and the allow-list", () => {
  it("a device outside the allowed networks is not contacted: unreachable with the reason, logged once", async () => {
    const open = await listener();
    const rounds: Devices[] = [];
    const lines: { level: string; msg: string; reason?: string }[] = [];
    const prober = new DeviceProber({
      send: (r) => rounds.push(r),
      log: createLogger({ level: "debug", write: (l) => lines.push(JSON.parse(l)) }),
      options: { attempts: 1, timeoutMs: 1_000, concurrency: 2 },
      allow: new NetworkAllowList(["10.0.0.0/8"]),
    });
    prober.apply([{ deviceId: "d-1", host: "127.0.0.1", port: open.port }]);
    await prober.probeAll();
    await prober.probeAll();
    expect(rounds).toHaveLength(2);
    expect(rounds[0]?.devices).toEqual([
      { deviceId: "d-1", reachable: false, error: expect.stringContaining("127.0.0.1 is outside") },
    ]);
    expect(open.accepted()).toBe(0);
    const refusals = lines.filter((l) => l.msg.includes("outside the allowed networks"));
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toMatchObject({ level: "warn", reason: expect.stringContaining("10.0.0.0/8") });
  });

  it("a device inside is probed as before; without an allow-list anything is", async () => {
    const open = await listener();
    for (const allow of [new NetworkAllowList(["127.0.0.0/8"]), undefined]) {
      const rounds: Devices[] = [];
      const prober = new DeviceProber({ send: (r) => rounds.push(r), log: silentLogger, allow });
      prober.apply([{ deviceId: "d-1", host: "127.0.0.1", port: open.port }]);
      await prober.probeAll();
      expect(rounds[0]?.devices).toEqual([{ deviceId: "d-1", reachable: true }]);
    }
    expect(open.accepted()).toBe(2);
  });
});

describe("plain ws:// to another machine", () => {
  it("the connector refuses to start with it, and --check fails on it without connecting", async () => {
    const stateDir = await tempDir();
    await expect(
      startConnector({ server: "ws://10.0.0.5:8787", token: CREDENTIAL, stateDir, log: silentLogger }),
    ).rejects.toThrow(/ws:\/\/ is allowed only to this machine .* use wss:\/\//);
    const lines: string[] = [];
    const code = await runCheck({
      server: "ws://10.0.0.5:8787",
      token: CREDENTIAL,
      stateDir,
      out: (l) => lines.push(l),
    });
    expect(code).toBe(1);
    expect(lines.join("\n")).toContain("[FAIL] refused: plain ws:// to another machine — ws:// is allowed only");
  });
});
