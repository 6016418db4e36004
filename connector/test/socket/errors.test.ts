import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { CLOSE_CODES } from "../../../src/protocol/index.ts";
import { silentLogger } from "../../src/log.ts";
import { ReconnectingSocket } from "../../src/socket.ts";
import { startFakeCloud, until } from "../support/cloud.ts";
import { CONNECTOR_ID, FAST_SOCKET, runConnector, SECRET } from "../support/connector.ts";

describe("errors", () => {
  it("backs off to the cap when the cloud refuses the credential", async () => {
    const cloud = await startFakeCloud({ credentials: { [CONNECTOR_ID]: "another-secret-0123456789" } });
    await runConnector(cloud, { socket: { backoffBaseMs: 5, backoffCapMs: 300 } });
    await until(() => cloud.authorizations.length === 2, 5_000, "second attempt");
    const second = Date.now();
    await until(() => cloud.authorizations.length === 3, 5_000, "third attempt");
    expect(Date.now() - second).toBeGreaterThanOrEqual(250);
  });

  it("backs off to the cap when replaced by another connector", async () => {
    const cloud = await startFakeCloud({ credentials: { [CONNECTOR_ID]: SECRET } });
    const c = await runConnector(cloud, { socket: { backoffBaseMs: 5, backoffCapMs: 300 } });
    await until(() => c.socket.connected);
    cloud.dropAll(CLOSE_CODES.replaced);
    const dropped = Date.now();
    await until(() => c.socket.connects === 2, 5_000, "reconnect");
    expect(Date.now() - dropped).toBeGreaterThanOrEqual(250);
  });

  it("ignores garbage frames and answers an invalid command so it is not resent forever", async () => {
    const cloud = await startFakeCloud({ credentials: { [CONNECTOR_ID]: SECRET } });
    const c = await runConnector(cloud);
    await cloud.waitFor((m) => m.type === "hello");
    cloud.send("not json at all");
    cloud.send('{"type":"surprise"}');
    cloud.send('{"type":"command","id":"cmd-bad","routerId":"r1","op":"reboot","args":{}}');
    const result = await cloud.waitFor((m) => m.type === "result");
    expect(result).toMatchObject({
      commandId: "cmd-bad",
      ok: false,
      error: { code: "invalid_command", retryable: false },
    });
    expect(c.socket.connected).toBe(true);
  });

  it("abandons a connect attempt that does not open in time, and retries", async () => {
    const sockets: import("node:net").Socket[] = [];
    const blackhole = createServer((sock) => sockets.push(sock));
    await new Promise<void>((r) => blackhole.listen(0, "127.0.0.1", r));
    const address = blackhole.address();
    const port = typeof address === "object" && address ? address.port : 0;
    const s = new ReconnectingSocket({
      ...FAST_SOCKET,
      connectTimeoutMs: 100,
      maxQueue: 10,
      url: `ws://127.0.0.1:${port}/`,
      headers: () => ({}),
      log: silentLogger,
    });
    s.start();
    try {
      await until(() => sockets.length >= 2, 5_000, "second attempt");
      expect(s.connected).toBe(false);
    } finally {
      await s.stop();
      for (const sock of sockets) sock.destroy();
      blackhole.close();
    }
  });
});
