/**
 * The WebSocket → TCP bridge that lets `@neondatabase/serverless` talk to a plain local Postgres.
 *
 * Neon's driver always speaks the Postgres wire protocol inside a WebSocket. In production Neon's own
 * proxy terminates it; locally this process does: a client connects to `ws://host:port/v2?address=h:p`,
 * we open a TCP socket to `h:p` and copy bytes both ways. Only the addresses in `allow` are reachable,
 * so the proxy cannot be used to reach anything but our own database.
 */
import { createServer, type Server } from "node:http";
import { connect } from "node:net";
import { WebSocketServer } from "ws";

export interface WsProxy {
  port: number;
  close(): Promise<void>;
}

export async function startWsProxy(opts: { port: number; host?: string; allow: string[] }): Promise<WsProxy> {
  const host = opts.host ?? "127.0.0.1";
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
    const [targetHost, targetPort] = splitHostPort(address);
    const tcp = connect({ host: targetHost, port: targetPort, noDelay: true });
    const pending: Buffer[] = [];
    let open = false;

    tcp.on("connect", () => {
      open = true;
      for (const chunk of pending) tcp.write(chunk);
      pending.length = 0;
    });
    tcp.on("data", (data) => ws.readyState === ws.OPEN && ws.send(data));
    tcp.on("close", () => ws.close());
    tcp.on("error", () => ws.close(1011, "upstream error"));

    ws.on("message", (data) => {
      const chunk = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
      if (open) tcp.write(chunk);
      else pending.push(chunk);
    });
    ws.on("close", () => tcp.destroy());
    ws.on("error", () => tcp.destroy());
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, host, () => resolve());
  });

  return {
    port: opts.port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.close(() => resolve());
      }),
  };
}

function splitHostPort(address: string): [string, number] {
  const i = address.lastIndexOf(":");
  return [address.slice(0, i), Number(address.slice(i + 1))];
}
