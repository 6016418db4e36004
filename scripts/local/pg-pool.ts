/**
 * Session-mode pooling for the local WebSocket proxy, the way Neon's pooler (pgbouncer) does it: a
 * client proves its password to us (SCRAM-SHA-256, against the login's known local password), gets
 * an idle server connection we logged in with that same password, and holds it for its whole
 * session. On a clean disconnect (ReadyForQuery idle, nothing in flight) the connection is reset
 * with `DISCARD ALL` and kept for the next client with the same startup parameters; anything else
 * closes it. Tests open a connection per request, and a fresh Postgres backend (fork, SCRAM, catalog
 * cache warm-up) was most of the suite's CPU.
 */
import { randomBytes } from "node:crypto";
import { connect, type Socket } from "node:net";
import {
  authMessage,
  cstring,
  errorText,
  fatalError,
  int32,
  message,
  queryMessage,
  startupMessage,
  Wire,
} from "./pg-wire.ts";
import { MECHANISM, type ScramKeys, scramClient, scramKeys, serverFinal, serverFirst } from "./scram.ts";

export interface Login {
  user: string;
  password: string;
}

/** A client's side of the bridge, as the pool needs it. */
export interface ClientSide {
  wire: Wire;
  send(data: Buffer): void;
  close(): void;
}

interface ServerConn {
  socket: Socket;
  wire: Wire;
  /** What Postgres sent after AuthenticationOk: ParameterStatus…, BackendKeyData, ReadyForQuery. */
  startupReply: Buffer;
  idleTimer?: NodeJS.Timeout;
  /** What to do when Postgres closes it: depends on whether it is bridged or parked. */
  onClose?: () => void;
}

const MAX_IDLE_PER_KEY = 20;
const IDLE_MS = 30_000;
const RESET_TIMEOUT_MS = 5_000;
/** Clients prove their password against these keys; the fixed local passwords protect nothing, so
 * one PBKDF2 iteration (as scripts/local/roles.ts stores them) keeps the driver's JS SCRAM cheap. */
const CLIENT_ITERATIONS = 1;

export class SessionPool {
  private readonly keys = new Map<string, { login: Login; scram: ScramKeys }>();
  private readonly idle = new Map<string, ServerConn[]>();
  private closed = false;

  constructor(logins: Login[]) {
    for (const login of logins) {
      this.keys.set(login.user, { login, scram: scramKeys(login.password, randomBytes(16), CLIENT_ITERATIONS) });
    }
  }

  /** Whether this pool serves the login (unknown ones go through the plain byte bridge). */
  serves(user: string | undefined): boolean {
    return !this.closed && user !== undefined && this.keys.has(user);
  }

  /** Serves one client session whose StartupMessage has been read. */
  async serve(client: ClientSide, address: string, params: Map<string, string>): Promise<void> {
    const user = params.get("user") ?? "";
    const known = this.keys.get(user);
    if (!known) throw new Error("not a pooled login");
    if (!(await this.authenticate(client, user, known.scram))) return;

    const key = `${address}\0${[...params].sort().join("\0")}`;
    let server: ServerConn;
    try {
      server = this.takeIdle(key) ?? (await openServer(address, params, known.login.password));
    } catch (err) {
      client.send(fatalError("08006", `pooler: ${(err as Error).message}`));
      client.close();
      return;
    }
    client.send(server.startupReply);
    this.bridge(client, server, key);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const list of this.idle.values()) for (const s of list) terminate(s);
    this.idle.clear();
  }

  private async authenticate(client: ClientSide, user: string, keys: ScramKeys): Promise<boolean> {
    const refuse = () => {
      client.send(fatalError("28P01", `password authentication failed for user "${user}"`));
      client.close();
      return false;
    };
    try {
      client.send(authMessage(10, Buffer.concat([cstring(MECHANISM), Buffer.from([0])])));
      const initial = expect(await client.wire.next({ timeoutMs: 10_000 }), "p");
      const mechanismEnd = initial.indexOf(0);
      if (initial.subarray(0, mechanismEnd).toString() !== MECHANISM) return refuse();
      const length = initial.readInt32BE(mechanismEnd + 1);
      const clientFirst = initial.subarray(mechanismEnd + 5, mechanismEnd + 5 + length).toString();
      const first = serverFirst(keys, clientFirst);
      client.send(authMessage(11, Buffer.from(first.message)));
      const response = expect(await client.wire.next({ timeoutMs: 10_000 }), "p").toString();
      const final = serverFinal(keys, first.state, response);
      if (!final) return refuse();
      client.send(Buffer.concat([authMessage(12, Buffer.from(final)), authMessage(0)]));
      return true;
    } catch {
      return refuse();
    }
  }

  /** Copies whole messages both ways, tracking whether the session is idle with nothing in flight. */
  private bridge(client: ClientSide, server: ServerConn, key: string) {
    let status = "I";
    let awaitingReady = 0; // Query, Sync and FunctionCall messages each end in one ReadyForQuery
    let unsynced = false; // extended-protocol messages sent without their Sync
    let terminated = false;
    let done = false;

    server.wire.listen((messages) => {
      for (const m of messages) {
        if (m.readUInt8(0) === 0x5a /* Z */) {
          awaitingReady--;
          status = String.fromCharCode(m.readUInt8(5));
        }
      }
      client.send(Buffer.concat(messages));
    });
    client.wire.listen((messages) => {
      if (terminated) return;
      const toServer: Buffer[] = [];
      for (const m of messages) {
        const type = String.fromCharCode(m.readUInt8(0));
        if (type === "X") {
          // Terminate ends the client's session, not the backend's: we keep that one.
          terminated = true;
          break;
        }
        if (type === "Q" || type === "S" || type === "F") awaitingReady++;
        if (type === "S") unsynced = false;
        else if (!"QFH".includes(type)) unsynced = true;
        toServer.push(m);
      }
      if (toServer.length) server.socket.write(Buffer.concat(toServer));
      if (terminated) client.close();
    });

    const finish = () => {
      if (done) return;
      done = true;
      server.wire.listen(undefined);
      client.wire.listen(undefined);
      const clean =
        status === "I" && awaitingReady === 0 && !unsynced && client.wire.buffered === 0 && server.wire.buffered === 0;
      if (!clean || this.closed || server.socket.destroyed) {
        server.socket.destroy();
        return;
      }
      void this.release(server, key);
    };
    server.onClose = () => client.close();
    client.wire.onEnd(finish);
  }

  private async release(server: ServerConn, key: string) {
    try {
      server.socket.write(queryMessage("DISCARD ALL"));
      for (;;) {
        const m = await server.wire.next({ timeoutMs: RESET_TIMEOUT_MS });
        if (m.readUInt8(0) === 0x45 /* E */) throw new Error(errorText(m.subarray(5)));
        if (m.readUInt8(0) === 0x5a /* Z */) {
          if (m.readUInt8(5) !== 0x49 /* I */) throw new Error("not idle after DISCARD ALL");
          break;
        }
      }
    } catch {
      server.socket.destroy();
      return;
    }
    const list = this.idle.get(key) ?? [];
    if (this.closed || server.socket.destroyed || list.length >= MAX_IDLE_PER_KEY) {
      terminate(server);
      return;
    }
    server.onClose = () => this.drop(key, server);
    server.idleTimer = setTimeout(() => {
      this.drop(key, server);
      terminate(server);
    }, IDLE_MS);
    server.idleTimer.unref();
    list.push(server);
    this.idle.set(key, list);
  }

  private takeIdle(key: string): ServerConn | undefined {
    const list = this.idle.get(key);
    while (list?.length) {
      const s = list.pop() as ServerConn;
      clearTimeout(s.idleTimer);
      s.onClose = undefined;
      // Anything Postgres said while parked (a shutdown notice) means it is not ours to reuse.
      if (!s.socket.destroyed && s.wire.buffered === 0 && !s.wire.ended) return s;
      s.socket.destroy();
    }
    return undefined;
  }

  private drop(key: string, server: ServerConn) {
    clearTimeout(server.idleTimer);
    const list = this.idle.get(key);
    const i = list?.indexOf(server) ?? -1;
    if (list && i >= 0) list.splice(i, 1);
  }
}

function expect(m: Buffer, type: string): Buffer {
  if (String.fromCharCode(m.readUInt8(0)) !== type) throw new Error(`expected '${type}' message`);
  return m.subarray(5);
}

function terminate(server: ServerConn) {
  clearTimeout(server.idleTimer);
  server.socket.end(message("X"));
}

/** Opens and logs in a server connection with the login's password; resolves once it is ready. */
async function openServer(address: string, params: Map<string, string>, password: string): Promise<ServerConn> {
  const i = address.lastIndexOf(":");
  const socket = connect({ host: address.slice(0, i), port: Number(address.slice(i + 1)), noDelay: true });
  const wire = new Wire();
  const conn: ServerConn = { socket, wire, startupReply: Buffer.alloc(0) };
  socket.on("data", (d) => wire.push(d));
  socket.on("close", () => {
    wire.end();
    conn.onClose?.();
  });
  socket.on("error", () => socket.destroy());
  try {
    socket.write(startupMessage(params));
    const scram = scramClient(password);
    const reply: Buffer[] = [];
    for (;;) {
      const m = await wire.next({ timeoutMs: 10_000 });
      const type = String.fromCharCode(m.readUInt8(0));
      if (type === "E") throw new Error(errorText(m.subarray(5)));
      if (type === "R") {
        const code = m.readInt32BE(5);
        const data = m.subarray(9).toString();
        if (code === 10) {
          const first = Buffer.from(scram.first);
          socket.write(message("p", Buffer.concat([cstring(MECHANISM), int32(first.length), first])));
        } else if (code === 11) socket.write(message("p", Buffer.from(scram.final(data))));
        else if (code === 12) scram.verify(data);
        else if (code !== 0) throw new Error(`unsupported authentication request ${code}`);
        continue;
      }
      if (type === "N") continue;
      reply.push(m);
      if (type === "Z") {
        conn.startupReply = Buffer.concat(reply);
        return conn;
      }
    }
  } catch (err) {
    socket.destroy();
    throw err;
  }
}
