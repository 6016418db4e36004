import { describe, expect, it } from "vitest";
import { silentLogger } from "../../src/log.ts";
import { ReconnectingSocket } from "../../src/socket.ts";
import { startFakeCloud, until } from "../support/cloud.ts";
import { CONNECTOR_ID, CREDENTIAL, FAST_SOCKET, runConnector, SECRET } from "../support/connector.ts";

function socketTo(url: string, overrides: Partial<ConstructorParameters<typeof ReconnectingSocket>[0]> = {}) {
  return new ReconnectingSocket({
    ...FAST_SOCKET,
    maxQueue: 3,
    url: url.replace("http", "ws"),
    headers: () => ({ authorization: `Bearer ${CREDENTIAL}` }),
    log: silentLogger,
    ...overrides,
  });
}

describe("reconnect", () => {
  it("reconnects after the cloud drops the socket, and says hello again", async () => {
    const cloud = await startFakeCloud({ credentials: { [CONNECTOR_ID]: SECRET } });
    const c = await runConnector(cloud);
    await cloud.waitFor((m) => m.type === "hello");
    cloud.dropAll();
    await until(() => c.socket.connects === 2, 5_000, "reconnect");
    await until(() => cloud.received.filter((m) => m.type === "hello").length === 2, 5_000, "second hello");
  });

  it("keeps retrying while the cloud is down and connects when it is back", async () => {
    const cloud = await startFakeCloud({ credentials: { [CONNECTOR_ID]: SECRET } });
    cloud.setOnline(false);
    const c = await runConnector(cloud);
    await until(() => cloud.authorizations.length >= 3, 5_000, "retries");
    expect(c.socket.connected).toBe(false);
    cloud.setOnline(true);
    await until(() => c.socket.connected, 5_000, "connected");
  });

  it("queues messages while offline (bounded, oldest dropped) and sends them after reconnect", async () => {
    const cloud = await startFakeCloud({ credentials: { [CONNECTOR_ID]: SECRET } });
    cloud.setOnline(false);
    const s = socketTo(cloud.url);
    s.start();
    try {
      for (let i = 0; i < 5; i++) s.send(JSON.stringify({ type: "result", commandId: `c${i}`, ok: true }));
      expect(s.droppedMessages).toBe(2);
      expect(s.send("{}", { queue: false })).toBe(false);
      cloud.setOnline(true);
      await until(() => cloud.received.length === 3, 5_000, "queued messages");
      expect(cloud.received.map((m) => (m.type === "result" ? m.commandId : m.type))).toEqual(["c2", "c3", "c4"]);
    } finally {
      await s.stop();
    }
  });

  it("treats a silent link (no messages, no pongs) as dead and reconnects", async () => {
    const cloud = await startFakeCloud({ credentials: { [CONNECTOR_ID]: SECRET }, autoPong: false });
    const s = socketTo(cloud.url, { heartbeatIntervalMs: 20, livenessTimeoutMs: 100 });
    s.start();
    try {
      await until(() => s.connects >= 2, 5_000, "liveness reconnect");
    } finally {
      await s.stop();
    }
  });

  it("resets the backoff only after a connection has stayed up", async () => {
    const cloud = await startFakeCloud({ credentials: { [CONNECTOR_ID]: SECRET } });
    const delays: number[] = [];
    const s = socketTo(cloud.url, {
      backoffBaseMs: 10,
      backoffCapMs: 10_000,
      stableAfterMs: 60_000,
      random: () => 1,
      log: { ...silentLogger, debug: (msg, f) => msg.includes("scheduled") && delays.push(Number(f?.delayMs)) },
    });
    s.start();
    try {
      for (let i = 1; i <= 3; i++) {
        await until(() => s.connects === i, 5_000, `connect ${i}`);
        cloud.dropAll();
      }
      await until(() => delays.length >= 3, 5_000, "three delays");
      // Each connection dropped at once, so the delays keep growing: 10, 20, 40 ms.
      expect(delays.slice(0, 3)).toEqual([10, 20, 40]);
    } finally {
      await s.stop();
    }
  });
});
