import { createServer, type Server } from "node:http";
import type { Duplex } from "node:stream";
import { afterEach } from "vitest";
import { type WebSocket, WebSocketServer } from "ws";
import {
  type CloudMessage,
  type ConnectorMessage,
  encodeMessage,
  parseConnectorMessage,
  parseConnectorToken,
} from "../../../src/protocol/index.ts";

/**
 * A stand-in for the `ConnectorGateway`: our own protocol over a real WebSocket, so the connector is
 * tested end to end on its side. It accepts `Bearer <id>.<secret>` for the credentials it knows and
 * answers a known enrollment token with `enrolled`.
 */
export interface FakeCloud {
  url: string;
  port: number;
  /** Every message received, in order, parsed. */
  received: ConnectorMessage[];
  /** Authorization headers of every upgrade attempt (accepted or not). */
  authorizations: string[];
  /** Request paths (with query) of every upgrade attempt. */
  paths: string[];
  connections(): number;
  /** Sends to the live connector socket(s). */
  send(message: CloudMessage | string): void;
  /** Resolves with the first message (already received or future) that matches. */
  waitFor<T extends ConnectorMessage>(pred: (m: ConnectorMessage) => m is T, timeoutMs?: number): Promise<T>;
  waitFor(pred: (m: ConnectorMessage) => boolean, timeoutMs?: number): Promise<ConnectorMessage>;
  /** Closes every live socket (code 1012, "service restart"). */
  dropAll(code?: number): void;
  /** Stops accepting upgrades (TCP still listens): simulates the cloud being unreachable. */
  setOnline(online: boolean): void;
  credentials: Map<string, string>;
  close(): Promise<void>;
}

export interface FakeCloudOptions {
  credentials?: Record<string, string>;
  enrollmentTokens?: Record<string, { connectorId: string; secret: string }>;
  /** Called on each new connector socket (e.g. to send `config`). */
  onConnect?: (send: (m: CloudMessage) => void) => void;
  /** ws answers pings on its own; false makes this cloud silent to test liveness. */
  autoPong?: boolean;
  port?: number;
}

const clouds: FakeCloud[] = [];
afterEach(async () => {
  for (const c of clouds.splice(0)) await c.close();
});

export async function startFakeCloud(options: FakeCloudOptions = {}): Promise<FakeCloud> {
  const credentials = new Map(Object.entries(options.credentials ?? {}));
  const received: ConnectorMessage[] = [];
  const authorizations: string[] = [];
  const paths: string[] = [];
  const waiters: { pred: (m: ConnectorMessage) => boolean; resolve: (m: ConnectorMessage) => void }[] = [];
  const live = new Set<WebSocket>();
  let online = true;
  const wss = new WebSocketServer({ noServer: true, autoPong: options.autoPong ?? true });
  const server: Server = createServer((_req, res) => res.writeHead(404).end());

  const reject = (socket: Duplex, status: string) => {
    // The connector may hang up first (it terminates on a refusal): a reset here is not a test failure.
    socket.on("error", () => {});
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  };
  server.on("upgrade", (req, socket, head) => {
    const auth = req.headers.authorization ?? "";
    authorizations.push(auth);
    paths.push(req.url ?? "");
    if (!online) return reject(socket, "503 Service Unavailable");
    const token = parseConnectorToken(auth.replace(/^Bearer /, ""));
    let enrolled: { connectorId: string; secret: string } | undefined;
    if (token?.kind === "enrollment") enrolled = options.enrollmentTokens?.[token.token];
    const ok =
      token?.kind === "credential" ? credentials.get(token.connectorId) === token.secret : enrolled !== undefined;
    if (!ok) return reject(socket, "401 Unauthorized");
    wss.handleUpgrade(req, socket, head, (ws) => {
      live.add(ws);
      ws.on("close", () => live.delete(ws));
      ws.on("message", (data) => {
        const parsed = parseConnectorMessage(data.toString());
        if (!parsed.ok) return;
        received.push(parsed.message);
        for (const w of [...waiters]) {
          if (w.pred(parsed.message)) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve(parsed.message);
          }
        }
      });
      const send = (m: CloudMessage) => ws.send(encodeMessage(m));
      if (enrolled) {
        credentials.set(enrolled.connectorId, enrolled.secret);
        send({ type: "enrolled", ...enrolled });
      }
      options.onConnect?.(send);
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;

  const cloud: FakeCloud = {
    url: `http://127.0.0.1:${port}`,
    port,
    received,
    authorizations,
    paths,
    credentials,
    connections: () => live.size,
    send(message) {
      const text = typeof message === "string" ? message : encodeMessage(message);
      for (const ws of live) ws.send(text);
    },
    waitFor(pred: (m: ConnectorMessage) => boolean, timeoutMs = 5_000): Promise<ConnectorMessage> {
      const already = received.find(pred);
      if (already) return Promise.resolve(already);
      return new Promise((resolve, rejectWait) => {
        const w = { pred, resolve };
        waiters.push(w);
        setTimeout(() => {
          const i = waiters.indexOf(w);
          if (i === -1) return;
          waiters.splice(i, 1);
          rejectWait(new Error(`fake cloud: no matching message within ${timeoutMs} ms`));
        }, timeoutMs);
      });
    },
    dropAll(code = 1012) {
      for (const ws of live) ws.close(code, "dropped by test");
    },
    setOnline(value) {
      online = value;
      if (!value) for (const ws of live) ws.terminate();
    },
    async close() {
      for (const ws of live) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  clouds.push(cloud);
  return cloud;
}

/** Waits until `check` is true (polling), failing after `timeoutMs`. */
export async function until(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 5_000,
  what = "condition",
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
