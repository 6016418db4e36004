import { describe, expect, it } from "vitest";
import { runCheck } from "../../src/check.ts";
import { StateDir } from "../../src/state-dir.ts";
import { startFakeCloud } from "../support/cloud.ts";
import { CONNECTOR_ID, CREDENTIAL, configFor, SECRET, tempDir } from "../support/connector.ts";
import { sim } from "../support/sim.ts";

async function check(server: string, stateDir: string, token: string | undefined = CREDENTIAL) {
  const lines: string[] = [];
  const code = await runCheck({ server, token, stateDir, out: (l) => lines.push(l), timeoutMs: 500 });
  return { code, text: lines.join("\n") };
}

describe("--check", () => {
  it("reports a healthy setup line by line and exits 0", async () => {
    const s = await sim();
    s.state.pools.insert({ name: "pool-a", ranges: "10.0.0.2-10.0.0.200", "next-pool": "none" });
    s.state.profiles.insert({
      name: "10M",
      ...s.state.profiles.spec.defaults,
      "rate-limit": "10M/10M",
      "remote-address": "pool-a",
      comment: "rtrw:plan-1",
    });
    const cloud = await startFakeCloud({
      credentials: { [CONNECTOR_ID]: SECRET },
      onConnect: (send) => send(configFor({ r1: s })),
    });
    const { code, text } = await check(cloud.url, await tempDir());
    expect(text).toContain("[ok  ] enrolled as connector conn-1");
    expect(text).toContain("[ok  ] connected and authenticated");
    expect(text).toContain("[ok  ] TCP connection");
    expect(text).toContain("[ok  ] API service answers");
    expect(text).toContain('[ok  ] RouterOS — 7.18.2 (stable), identity "MikroTik"');
    expect(text).toContain("[ok  ] our PPP profiles — 10M");
    expect(text).toContain("[ok  ] IP pools used by our profiles — present");
    expect(text).toContain("All checks passed.");
    expect(code).toBe(0);
    // Check mode: the cloud answers without replacing a running connector's socket.
    expect(cloud.paths).toEqual(["/api/v1/connectors/connect?check=1"]);
  });

  it("names the failing step for each router", async () => {
    const good = await sim();
    good.state.profiles.insert({
      name: "10M",
      ...good.state.profiles.spec.defaults,
      "rate-limit": "10M/10M",
      "remote-address": "gone",
      comment: "rtrw:plan-1",
    });
    const refusing = await sim({ faults: { refuseLogin: true } });
    const closing = await sim({ faults: { closeOnConnect: true } });
    const down = await sim();
    await down.close();
    const stateDir = await tempDir();
    await (await StateDir.open(stateDir)).writeRouterConfig(configFor({ good, refusing, closing, down }));
    const cloud = await startFakeCloud({ credentials: { [CONNECTOR_ID]: "other-secret-0123456789" } });
    const { code, text } = await check(cloud.url, stateDir);
    expect(code).toBe(1);
    expect(text).toContain("[FAIL] cannot connect — HTTP 401");
    expect(text).toMatch(/Router good[\s\S]*\[FAIL\] IP pools used by our profiles — missing: gone/);
    expect(text).toMatch(/Router refusing[\s\S]*\[FAIL\] login — login refused by 127\.0\.0\.1:\d+: /);
    expect(text).toMatch(
      /Router closing[\s\S]*\[ok {2}\] TCP connection[\s\S]*\[FAIL\] API service — 127\.0\.0\.1:\d+ closed the connection during the login/,
    );
    expect(text).toContain(`[FAIL] TCP connection — connection refused by 127.0.0.1:${down.port}`);
  });

  it("does not spend an enrollment token", async () => {
    const cloud = await startFakeCloud();
    const { text } = await check(cloud.url, await tempDir(), "enroll-abcdefghijklmnop");
    expect(text).toContain("[warn] not enrolled yet");
    expect(cloud.authorizations).toEqual([]);
  });
});
