import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { session, sim } from "../support/sim.ts";

describe("faults", () => {
  it("rejects the in-flight call promptly when the router drops the connection mid-command", async () => {
    const s = await sim();
    const r = session(s, { callTimeoutMs: 10_000 });
    await r.call(["/system/identity/print"]);
    s.setFault("dropOnCommand", "/ppp/secret/add");
    const started = Date.now();
    const e = await r.call(["/ppp/secret/add", "=name=budi"]).catch((x: unknown) => x);
    expect(e).toMatchObject({ kind: "connection", retryable: true });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(s.state.secrets.rows).toEqual([]);
    // The next call reconnects.
    s.setFault("dropOnCommand", undefined);
    await r.call(["/ppp/secret/add", "=name=budi"]);
    expect(s.state.secrets.byName("budi")).toBeDefined();
  });

  it("rejects queued calls behind a dropped one without hanging", async () => {
    const s = await sim();
    const r = session(s, { callTimeoutMs: 10_000 });
    await r.call(["/system/identity/print"]);
    s.setFault("dropOnCommand", true);
    const results = await Promise.allSettled([
      r.call(["/ppp/secret/print"]),
      r.call(["/ppp/profile/print"]),
      r.call(["/ip/pool/print"]),
    ]);
    for (const x of results) expect(x).toMatchObject({ status: "rejected", reason: { kind: "connection" } });
  });

  it("times out a command that is never answered, then recovers", async () => {
    const s = await sim();
    const r = session(s, { callTimeoutMs: 150 });
    s.setFault("neverReply", "/ppp/active/print");
    const e = await r.call(["/ppp/active/print"]).catch((x: unknown) => x);
    expect(e).toMatchObject({ kind: "timeout", retryable: true });
    s.setFault("neverReply", undefined);
    expect(await r.call(["/ppp/active/print"])).toEqual([]);
  });

  it("reports a refused login as auth", async () => {
    const s = await sim({ faults: { refuseLogin: true } });
    const e = await session(s)
      .call(["/system/identity/print"])
      .catch((x: unknown) => x);
    expect(e).toMatchObject({ kind: "auth" });
  });

  it("reports a router that closes the connection during login as a connection error", async () => {
    const s = await sim({ faults: { closeOnConnect: true } });
    const e = await session(s)
      .call(["/system/identity/print"])
      .catch((x: unknown) => x);
    expect(e).toMatchObject({ kind: "connection", retryable: true });
  });

  it("reports a refused TCP connection as a connection error, in words", async () => {
    const s = await sim();
    const port = s.port;
    await s.close();
    const e = await session({ ...s, port })
      .call(["/system/identity/print"])
      .catch((x: unknown) => x);
    expect(e).toMatchObject({
      kind: "connection",
      retryable: true,
      message: `connection refused by 127.0.0.1:${port}`,
    });
  });

  it("words TLS failures: a plain service on the api-ssl port, and a server that never answers the handshake", async () => {
    const plain = createServer((sock) => sock.end("HTTP/1.1 400 Bad Request\r\n\r\n"));
    const silent = createServer(() => {});
    const portOf = async (server: typeof plain) => {
      await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
      const address = server.address();
      return typeof address === "object" && address ? address.port : 0;
    };
    try {
      const s = await sim();
      const plainPort = await portOf(plain);
      const e = await session({ ...s, port: plainPort }, { connectTimeoutMs: 1_000 }, undefined, true)
        .call(["/system/identity/print"])
        .catch((x: unknown) => x);
      expect(e).toMatchObject({ kind: "connection" });
      expect((e as Error).message).toMatch(new RegExp(`^TLS handshake with 127\\.0\\.0\\.1:${plainPort} failed: \\S`));
      const silentPort = await portOf(silent);
      const timedOut = await session({ ...s, port: silentPort }, { connectTimeoutMs: 300 }, undefined, true)
        .call(["/system/identity/print"])
        .catch((x: unknown) => x);
      expect(timedOut).toMatchObject({
        kind: "timeout",
        message: `TLS handshake with 127.0.0.1:${silentPort} got no answer within 300 ms`,
      });
    } finally {
      plain.close();
      silent.close();
    }
  });

  it("times out a login that never gets an answer", async () => {
    const silent = createServer(() => {});
    await new Promise<void>((r) => silent.listen(0, "127.0.0.1", r));
    const address = silent.address();
    const port = typeof address === "object" && address ? address.port : 0;
    try {
      const s = await sim();
      const e = await session({ ...s, port }, { connectTimeoutMs: 200 })
        .call(["/system/identity/print"])
        .catch((x: unknown) => x);
      expect(e).toMatchObject({
        kind: "timeout",
        retryable: true,
        message: `no answer to the login from 127.0.0.1:${port} within 200 ms`,
      });
    } finally {
      silent.close();
    }
  });

  it("fails fast during the reconnect backoff after a failed connect", async () => {
    const s = await sim({ faults: { closeOnConnect: true } });
    const r = session(s, { reconnectBaseMs: 60_000, reconnectCapMs: 60_000, random: () => 1 });
    await r.call(["/system/identity/print"]).catch(() => {});
    s.setFault("closeOnConnect", undefined);
    const started = Date.now();
    const e = await r.call(["/system/identity/print"]).catch((x: unknown) => x);
    expect(e).toMatchObject({ kind: "connection" });
    expect(Date.now() - started).toBeLessThan(100);
  });

  it("survives delayed replies within the timeout", async () => {
    const s = await sim({ faults: { delayMs: 50 } });
    const r = session(s, { callTimeoutMs: 1_000 });
    expect(await r.call(["/system/identity/print"])).toEqual([{ name: "MikroTik" }]);
  });
});
