import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCidr } from "../../src/allow-list.ts";
import { connectUrl, insecureServerReason, parseConfig } from "../../src/config.ts";

const ENV = { HOME: "/home/op" };

describe("parseConfig", () => {
  it("reads flags", () => {
    const r = parseConfig(
      ["--server", "https://isp.example.id", "--token", "conn-1.s3cr3t-0123456789abcdef", "--state-dir", "/var/lib/x"],
      ENV,
    );
    expect(r).toEqual({
      ok: true,
      config: {
        server: "https://isp.example.id",
        token: "conn-1.s3cr3t-0123456789abcdef",
        stateDir: "/var/lib/x",
        check: false,
        logLevel: "info",
      },
    });
  });

  it("falls back to the environment; flags win", () => {
    const env = {
      ...ENV,
      RTRW_SERVER: "https://a.example",
      RTRW_TOKEN: "enroll-abcdefghijklmnop",
      RTRW_STATE_DIR: "/s",
    };
    expect(parseConfig(["--check"], env)).toMatchObject({
      ok: true,
      config: { server: "https://a.example", stateDir: "/s", check: true },
    });
    expect(parseConfig(["--server", "https://b.example"], env)).toMatchObject({
      config: { server: "https://b.example" },
    });
  });

  it("defaults the state dir to systemd's StateDirectory, else the home directory", () => {
    expect(
      parseConfig(["--server", "https://a.example"], { STATE_DIRECTORY: "/var/lib/rtrwnet-connector" }),
    ).toMatchObject({
      config: { stateDir: "/var/lib/rtrwnet-connector" },
    });
    expect(parseConfig(["--server", "https://a.example"], ENV)).toMatchObject({
      config: { stateDir: "/home/op/.rtrwnet-connector" },
    });
  });

  it("refuses bad input with a message, never a throw", () => {
    expect(parseConfig([], ENV)).toMatchObject({ ok: false, error: expect.stringContaining("server") });
    expect(parseConfig(["--server", "ftp://x"], ENV)).toMatchObject({ ok: false });
    expect(parseConfig(["--server", "https://a.example", "--token", "short"], ENV)).toMatchObject({
      ok: false,
      error: expect.stringContaining("token"),
    });
    expect(parseConfig(["--bogus"], ENV)).toMatchObject({ ok: false });
    expect(parseConfig(["--help"], ENV)).toEqual({ ok: "help" });
  });
});

describe("connectUrl", () => {
  it("turns an origin into the gateway's WebSocket URL", () => {
    expect(connectUrl("https://isp.example.id")).toBe("wss://isp.example.id/api/v1/connectors/connect");
    expect(connectUrl("http://127.0.0.1:8787/")).toBe("ws://127.0.0.1:8787/api/v1/connectors/connect");
    expect(connectUrl("wss://x.example/custom/path")).toBe("wss://x.example/custom/path");
  });
});

describe("plain ws:// only to this machine", () => {
  it("accepts ws:// and http:// to loopback addresses, any wss:// and https://", () => {
    for (const server of [
      "ws://localhost:8787",
      "http://127.0.0.1:8787",
      "ws://127.20.0.9",
      "ws://[::1]:8787",
      "wss://isp.example.id",
      "https://10.0.0.5",
    ]) {
      expect(parseConfig(["--server", server], ENV), server).toMatchObject({ ok: true });
      expect(insecureServerReason(server), server).toBeUndefined();
    }
  });

  it("refuses ws:// and http:// to any other host at start-up, and --check says the same", () => {
    for (const server of ["ws://10.0.0.5:8787", "http://isp.example.id", "ws://128.0.0.1", "ws://[fe80::1]"]) {
      const run = parseConfig(["--server", server], ENV);
      expect(run, server).toMatchObject({ ok: false, error: expect.stringContaining("use wss://") });
      expect(parseConfig(["--server", server, "--check"], ENV)).toEqual(run);
    }
    expect(parseConfig(["--server", "ws://10.0.0.5"], ENV)).toMatchObject({
      error: expect.stringMatching(/^server: ws:\/\/ is allowed only to this machine .* not to 10\.0\.0\.5/),
    });
  });
});

describe("allowNetworks", () => {
  it("is absent unless set; read from the flag, the environment or the file, flag first", async () => {
    const base = ["--server", "https://a.example"];
    const absent = parseConfig(base, ENV);
    expect(absent.ok === true && absent.config.allowNetworks).toBeUndefined();
    expect(parseConfig(base, { ...ENV, RTRW_ALLOW_NETWORKS: "10.0.0.0/8, 192.168.88.5" })).toMatchObject({
      config: { allowNetworks: ["10.0.0.0/8", "192.168.88.5"] },
    });
    expect(
      parseConfig([...base, "--allow-networks", "fd00::/8"], { ...ENV, RTRW_ALLOW_NETWORKS: "10.0.0.0/8" }),
    ).toMatchObject({ config: { allowNetworks: ["fd00::/8"] } });
    const dir = await mkdtemp(join(tmpdir(), "rtrw-config-"));
    try {
      const file = join(dir, "connector.json");
      await writeFile(file, JSON.stringify({ allowNetworks: ["172.16.0.0/12"] }));
      expect(parseConfig([...base, "--config", file], ENV)).toMatchObject({
        config: { allowNetworks: ["172.16.0.0/12"] },
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("refuses something that is not a network, naming where it came from", () => {
    for (const bad of ["10.0.0.0/33", "10.0.0/8", "isp.example.id", "10.0.0.0/", "::1/129"]) {
      expect(parseConfig(["--server", "https://a.example", "--allow-networks", bad], ENV), bad).toMatchObject({
        ok: false,
        error: expect.stringContaining("not a network"),
      });
    }
    expect(parseCidr("192.168.88.5")).toEqual({ network: "192.168.88.5", prefix: 32, family: "ipv4" });
  });
});
