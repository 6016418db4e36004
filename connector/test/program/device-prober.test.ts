import { createServer, type Server, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import type { Devices } from "../../../src/protocol/index.ts";
import { DeviceProber, tcpReachable } from "../../src/device-prober.ts";
import { silentLogger } from "../../src/log.ts";
import { startFakeCloud, until } from "../support/cloud.ts";
import { CONNECTOR_ID, runConnector, SECRET } from "../support/connector.ts";

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
});

/** A TCP listener on a free port of 127.0.0.1 that counts the connections it accepted. */
async function listener(): Promise<{ port: number; accepted: () => number; server: Server }> {
  let accepted = 0;
  const server = createServer((socket: Socket) => {
    accepted++;
    socket.destroy();
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("no port");
  return { port: address.port, accepted: () => accepted, server };
}

/** A port nothing listens on (bound once, then released). */
async function closedPort(): Promise<number> {
  const { port, server } = await listener();
  await new Promise((r) => server.close(r));
  servers.splice(servers.indexOf(server), 1);
  return port;
}

describe("device probing", () => {
  it("a completed TCP handshake is reachable; a refused one is not", async () => {
    const open = await listener();
    expect(await tcpReachable("127.0.0.1", open.port, 1_000)).toBe(true);
    expect(await tcpReachable("127.0.0.1", await closedPort(), 1_000)).toBe(false);
    expect(await tcpReachable("::1", open.port, 1_000)).toBe(false); // listening on IPv4 only
  });

  it("reports one round for all devices, in order, trying an unreachable one `attempts` times", async () => {
    const up = await listener();
    const down = await closedPort();
    const rounds: Devices[] = [];
    const prober = new DeviceProber({
      send: (r) => rounds.push(r),
      log: silentLogger,
      options: { attempts: 3, timeoutMs: 1_000, concurrency: 2 },
      now: () => new Date("2026-11-24T08:00:00Z"),
    });
    prober.apply([
      { deviceId: "d-1", host: "127.0.0.1", port: up.port },
      { deviceId: "d-2", host: "127.0.0.1", port: down },
      { deviceId: "d-3", host: "127.0.0.1", port: up.port },
    ]);
    // New devices are probed at once; a call meanwhile joins the running round.
    await prober.probeAll();
    expect(rounds).toEqual([
      {
        type: "devices",
        ts: "2026-11-24T08:00:00.000Z",
        devices: [
          { deviceId: "d-1", reachable: true },
          { deviceId: "d-2", reachable: false },
          { deviceId: "d-3", reachable: true },
        ],
      },
    ]);
    expect(up.accepted()).toBe(2); // one connect per reachable device, no retry
    prober.apply([{ deviceId: "d-3", host: "127.0.0.1", port: up.port }]); // nothing new: no extra round
    await prober.probeAll();
    expect(rounds).toHaveLength(2);
    expect(rounds[1]?.devices).toEqual([{ deviceId: "d-3", reachable: true }]);
    prober.apply([{ deviceId: "d-3", host: "127.0.0.1", port: down }]); // moved: probed without being asked
    await until(() => rounds.length === 3, 5_000, "a round for the moved device");
    expect(rounds[2]?.devices).toEqual([{ deviceId: "d-3", reachable: false }]);
    prober.apply([]);
    await prober.probeAll();
    expect(rounds).toHaveLength(3); // nothing to probe, nothing sent
  });

  it("the connector probes the devices of its config and sends the round to the cloud", async () => {
    const up = await listener();
    const down = await closedPort();
    const devices = [
      { deviceId: "olt-1", host: "127.0.0.1", port: up.port },
      { deviceId: "ap-1", host: "127.0.0.1", port: down },
    ];
    const cloud = await startFakeCloud({
      credentials: { [CONNECTOR_ID]: SECRET },
      onConnect: (send) => send({ type: "config", routers: [], devices, pollIntervalMs: 60_000 }),
    });
    await runConnector(cloud, { probe: { attempts: 1, timeoutMs: 1_000 } });
    // Devices new to the connector are probed as soon as the config arrives, without a poll.
    const round = await cloud.waitFor((m): m is Devices => m.type === "devices");
    expect(round.devices).toEqual([
      { deviceId: "olt-1", reachable: true },
      { deviceId: "ap-1", reachable: false },
    ]);
  });
});
