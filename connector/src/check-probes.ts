import { connect as tcpConnect } from "node:net";
import { connect as tlsConnect } from "node:tls";
import WebSocket from "ws";
import { type Config, ConfigSchema, parseCloudMessage, type RouterConfig } from "../../src/protocol/index.ts";
import { describeConnectFailure } from "./routeros/describe.ts";
import { encodeSentence, SentenceDecoder, wordsToStrings } from "./routeros/wire.ts";

/** Low-level probes for `--check`: each tells apart failures a high-level client reports as one. */

/**
 * Connects as the connector does, in check mode (`?check=1`): the cloud answers with the current
 * router list and closes, without replacing a running connector's socket. Waits briefly for it.
 */
export function probeCloud(
  url: string,
  bearer: string,
  timeoutMs: number,
): Promise<{ ok: true; config?: Config } | { ok: false; reason: string }> {
  const checkUrl = new URL(url);
  checkUrl.searchParams.set("check", "1");
  return new Promise((resolve) => {
    const ws = new WebSocket(checkUrl, { headers: { authorization: `Bearer ${bearer}` }, handshakeTimeout: timeoutMs });
    let done = false;
    const finish = (r: { ok: true; config?: Config } | { ok: false; reason: string }) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      ws.terminate();
      resolve(r);
    };
    const timer = setTimeout(() => finish({ ok: false, reason: `no answer within ${timeoutMs} ms` }), timeoutMs * 2);
    ws.on("unexpected-response", (_req, res) => {
      res.resume();
      const hint = res.statusCode === 401 ? " (credential refused: revoked or wrong?)" : "";
      finish({ ok: false, reason: `HTTP ${res.statusCode}${hint}` });
    });
    ws.on("error", (e) => finish({ ok: false, reason: e.message }));
    ws.on("open", () => {
      // The gateway sends `config` right after a connect; do not wait long for it.
      setTimeout(() => finish({ ok: true }), Math.min(timeoutMs, 2_000));
    });
    ws.on("message", (data) => {
      const m = parseCloudMessage(data.toString());
      if (m.ok && m.message.type === "config") finish({ ok: true, config: ConfigSchema.parse(m.message) });
    });
  });
}

export type Probe =
  | { stage: "tcp"; reason: string }
  | { stage: "api"; reason: string }
  | { stage: "ok"; legacyLogin: boolean };

/**
 * Tells "port closed" from "port open but no API" from "API answering", which node-routeros alone
 * reports as the same failure: connect, send `/login`, read the first reply sentence.
 */
export function probeApi(r: RouterConfig, timeoutMs: number): Promise<Probe> {
  return new Promise((resolve) => {
    const socket = r.tls
      ? tlsConnect({ host: r.host, port: r.port, rejectUnauthorized: false })
      : tcpConnect({ host: r.host, port: r.port });
    let connected = false;
    let done = false;
    const finish = (p: Probe) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(p);
    };
    const timer = setTimeout(
      () =>
        finish({
          stage: connected ? "api" : "tcp",
          reason: describeConnectFailure({ kind: "timeout", ms: timeoutMs, stage: connected ? "login" : "tcp" }, r),
        }),
      timeoutMs,
    );
    const decoder = new SentenceDecoder();
    socket.once(r.tls ? "secureConnect" : "connect", () => {
      connected = true;
      socket.write(encodeSentence(["/login", `=name=${r.username}`, `=password=${r.password}`]));
    });
    socket.on("data", (chunk) => {
      let sentences: string[][];
      try {
        sentences = decoder.push(chunk).map((s) => wordsToStrings(s.words));
      } catch {
        finish({ stage: "api", reason: "the service on this port does not speak the RouterOS API" });
        return;
      }
      const first = sentences[0];
      if (first) finish({ stage: "ok", legacyLogin: first[0] === "!done" && first.some((w) => w.startsWith("=ret=")) });
    });
    socket.on("error", (e) =>
      finish({ stage: connected ? "api" : "tcp", reason: describeConnectFailure({ kind: "error", error: e }, r) }),
    );
    socket.on("close", () =>
      finish({ stage: connected ? "api" : "tcp", reason: describeConnectFailure({ kind: "closed", connected }, r) }),
    );
  });
}
