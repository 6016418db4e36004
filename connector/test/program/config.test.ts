import { describe, expect, it } from "vitest";
import { connectUrl, parseConfig } from "../../src/config.ts";

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
