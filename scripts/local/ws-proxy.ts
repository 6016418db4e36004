/**
 * The WebSocket → TCP bridge that lets `@neondatabase/serverless` talk to a plain local Postgres.
 *
 * Neon's driver always speaks the Postgres wire protocol inside a WebSocket. In production Neon's own
 * proxy terminates it; locally this process does: a client connects to `ws://host:port/v2?address=h:p`,
 * we open a TCP socket to `h:p` and copy bytes both ways. Only the addresses in `allow` are reachable,
 * so the proxy cannot be used to reach anything but our own database.
 *
 * For the `logins` it is given (the local login roles and their fixed passwords) it is also a
 * session-mode pooler, like Neon's own (scripts/local/pg-pool.ts): it checks the client's password
 * itself and hands it an idle, already logged-in backend. `RTRW_PROXY_POOL=0` turns pooling off;
 * other users always get the plain byte bridge.
 */
import { createServer, type Server } from "node:http";
import { connect } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";
import { type ClientSide, type Login, SessionPool } from "./pg-pool.ts";
import { CANCEL_REQUEST, GSSENC_REQUEST, SSL_REQUEST, startupCode, startupParams, Wire } from "./pg-wire.ts";

export interface WsProxy {
  port: number;
  close(): Promise<void>;
}

export async function startWsProxy(opts: {
  port: number;
  host?: string;
  allow: string[];
  /** Logins to pool sessions for; pooling is off when empty or when RTRW_PROXY_POOL=0. */
  logins?: Login[];
}): Promise<WsProxy> {
  const host = opts.host ?? "127.0.0.1";
  const pool = process.env.RTRW_PROXY_POOL === "0" ? undefined : new SessionPool(opts.logins ?? []);
  const server: Server = createServer((_req, res) => {
    res.writeHead(426, { "content-type": "text/plain" }).end("WebSocket upgrade required\n");
  });
  const wss = new WebSocketServer({ server, perMessageDeflate: false });

  wss.on("connection", (ws, req) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const address = url.searchParams.get("address") ?? "";
    if (!opts.allow.includes(address)) {
      ws.close(1008, "address not allowed");
      return;
    }
    const wire = new Wire();
    ws.on("message", (data) => wire.push(Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer)));
    ws.on("close", () => wire.end());
    ws.on("error", () => wire.end());
    const client: ClientSide = {
      wire,
      send: (data) => ws.readyState === ws.OPEN && ws.send(data),
      close: () => ws.close(),
    };
    void route(client, ws, address).catch(() => ws.terminate());
  });

  /** Reads the startup packet, then pools the session or bridges bytes as they come. */
  async function route(client: ClientSide, ws: WebSocket, address: string) {
    if (!pool) return bridge(ws, client.wire, address, []);
    let startup = await client.wire.next({ startup: true });
    if (startupCode(startup) === SSL_REQUEST || startupCode(startup) === GSSENC_REQUEST) {
      client.send(Buffer.from("N"));
      startup = await client.wire.next({ startup: true });
    }
    const params = startupCode(startup) === CANCEL_REQUEST ? undefined : startupParams(startup);
    if (params && pool.serves(params.get("user"))) {
      return pool.serve(client, address, params);
    }
    bridge(ws, client.wire, address, [startup]);
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, host, () => resolve());
  });

  return {
    port: opts.port,
    close: () =>
      new Promise<void>((resolve) => {
        void pool?.close();
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.close(() => resolve());
      }),
  };
}

/** The plain byte bridge: `first` (already read) and then everything the client sends, as is. */
function bridge(ws: WebSocket, wire: Wire, address: string, first: Buffer[]) {
  const [targetHost, targetPort] = splitHostPort(address);
  const tcp = connect({ host: targetHost, port: targetPort, noDelay: true });
  const pending: Buffer[] = [...first];
  let open = false;
  tcp.on("connect", () => {
    open = true;
    for (const chunk of pending) tcp.write(chunk);
    pending.length = 0;
  });
  tcp.on("data", (data) => ws.readyState === ws.OPEN && ws.send(data));
  tcp.on("close", () => ws.close());
  tcp.on("error", () => ws.close(1011, "upstream error"));
  wire.raw((chunk) => {
    if (open) tcp.write(chunk);
    else pending.push(chunk);
  });
  wire.onEnd(() => tcp.destroy());
}

function splitHostPort(address: string): [string, number] {
  const i = address.lastIndexOf(":");
  return [address.slice(0, i), Number(address.slice(i + 1))];
}
