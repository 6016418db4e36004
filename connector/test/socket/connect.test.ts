import { stat } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { HEARTBEAT_TEXT, type Hello } from "../../../src/protocol/index.ts";
import { startFakeCloud, until } from "../support/cloud.ts";
import { CONNECTOR_ID, CREDENTIAL, configFor, runConnector, SECRET, tempDir } from "../support/connector.ts";
import { sim } from "../support/sim.ts";

const isHello = (m: { type: string }): m is Hello => m.type === "hello";

describe("connect", () => {
  it("dials out with its credential and says hello", async () => {
    const cloud = await startFakeCloud({ credentials: { [CONNECTOR_ID]: SECRET } });
    await runConnector(cloud);
    const hello = await cloud.waitFor(isHello);
    expect(hello).toMatchObject({ type: "hello", protocol: 1, connectorId: CONNECTOR_ID, routers: [] });
    expect(hello.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(cloud.authorizations).toEqual([`Bearer ${CREDENTIAL}`]);
  });

  it("enrolls with a one-time token, stores the secret (mode 600) and uses it from then on", async () => {
    const enrollment = "enroll-abcdefghijklmnop";
    const cloud = await startFakeCloud({
      enrollmentTokens: { [enrollment]: { connectorId: "conn-9", secret: "long-lived-secret-0123456789" } },
    });
    const stateDir = await tempDir();
    const first = await runConnector(cloud, { stateDir, token: enrollment });
    await cloud.waitFor((m) => m.type === "hello" && m.connectorId === "conn-9");
    const file = await stat(join(stateDir, "credentials.json"));
    expect(file.mode & 0o777).toBe(0o600);
    expect((await stat(stateDir)).mode & 0o777).toBe(0o700);
    await first.stop();
    // Restarted with the same (now spent) enrollment token: the stored credential is used instead.
    await runConnector(cloud, { stateDir, token: enrollment });
    await until(() => cloud.authorizations.length === 2, 5_000, "second connect");
    expect(cloud.authorizations[1]).toBe("Bearer conn-9.long-lived-secret-0123456789");
  });

  it("takes the router list from config, keeps it (mode 600) and reports routers in hello", async () => {
    const s = await sim();
    const config = configFor({ r1: s });
    const cloud = await startFakeCloud({ credentials: { [CONNECTOR_ID]: SECRET }, onConnect: (send) => send(config) });
    const stateDir = await tempDir();
    const c = await runConnector(cloud, { stateDir });
    await until(() => c.registry.ids().length === 1, 5_000, "router list");
    const hellos = await until(() => cloud.received.filter(isHello).length >= 2).then(() =>
      cloud.received.filter(isHello),
    );
    // Not polled yet: no reachability (not `false`, which raised a router_offline alert on every start).
    expect(hellos.at(-1)?.routers).toEqual([{ routerId: "r1" }]);
    expect((await stat(join(stateDir, "routers.json"))).mode & 0o777).toBe(0o600);
    await c.pollNow();
    expect(c.registry.statuses()).toEqual([
      { routerId: "r1", reachable: true, identity: "MikroTik", version: "7.18.2 (stable)" },
    ]);
  });

  it("sends heartbeats as the fixed text", async () => {
    const cloud = await startFakeCloud({ credentials: { [CONNECTOR_ID]: SECRET } });
    await runConnector(cloud, { socket: { heartbeatIntervalMs: 30 } });
    await cloud.waitFor((m) => m.type === "heartbeat");
    expect(HEARTBEAT_TEXT).toBe('{"type":"heartbeat"}');
  });

  it("refuses to start with neither a stored credential nor a token", async () => {
    const cloud = await startFakeCloud();
    await expect(runConnector(cloud, { token: undefined })).rejects.toThrow(/no credential/);
  });
});
