import { RouterOSAPI } from "node-routeros";
import { describeConnectFailure } from "./describe.ts";
import { classifyCallError, classifyConnectError, RouterOsError } from "./errors.ts";
import { connectionInternals, guardReceiver, stopApiTimers } from "./receiver-guard.ts";

/** A reply row as node-routeros returns it: property → text. */
export type Row = Record<string, string>;

export interface RouterEndpoint {
  host: string;
  port: number;
  username: string;
  password: string;
  tls?: boolean;
}

export interface ConnectionOptions {
  connectTimeoutMs: number;
  /**
   * node-routeros' socket idle timeout (seconds). With `keepalive: true` it sends a keepalive command
   * every half of it, so an idle but healthy connection is never cut.
   */
  idleTimeoutSeconds: number;
}

interface InFlight {
  reject(e: RouterOsError): void;
}

/**
 * One logged-in RouterOS API connection (one `RouterOSAPI` instance, never reconnected: a new
 * connection gets a new instance). Adds what node-routeros lacks: a connect timeout, a per-call
 * timeout, and rejection of every in-flight call the moment the socket closes.
 */
export class ApiConnection {
  readonly #api: RouterOSAPI;
  readonly #inFlight = new Set<InFlight>();
  #closedError: RouterOsError | undefined;
  readonly #onClose: (conn: ApiConnection, e: RouterOsError) => void;
  readonly #endpoint: RouterEndpoint;

  private constructor(
    api: RouterOSAPI,
    endpoint: RouterEndpoint,
    onClose: (conn: ApiConnection, e: RouterOsError) => void,
  ) {
    this.#api = api;
    this.#endpoint = endpoint;
    this.#onClose = onClose;
  }

  /** Connects and logs in; rejects with a classified `RouterOsError`. `onClose` fires once, when it closes. */
  static open(
    endpoint: RouterEndpoint,
    options: ConnectionOptions,
    onClose: (conn: ApiConnection, e: RouterOsError) => void,
  ): Promise<ApiConnection> {
    const api = new RouterOSAPI({
      host: endpoint.host,
      port: endpoint.port,
      user: endpoint.username,
      password: endpoint.password,
      timeout: options.idleTimeoutSeconds,
      keepalive: true,
      // api-ssl on RouterOS is usually self-signed; the connector talks to routers on the ISP's own LAN.
      ...(endpoint.tls ? { tls: { rejectUnauthorized: false } } : {}),
    });
    const conn = new ApiConnection(api, endpoint, onClose);
    // Without a listener, an 'error' emitted after login would throw out of the socket handler.
    api.on("error", () => {});
    return new Promise<ApiConnection>((resolve, reject) => {
      let settled = false;
      const fail = (e: RouterOsError) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        conn.destroy(e);
        reject(e);
      };
      let tcpUp = false;
      let connected = false;
      let socketError: Error | undefined;
      const timer = setTimeout(() => {
        const stage = connected ? "login" : tcpUp ? "tls" : "tcp";
        const failure = { kind: "timeout", ms: options.connectTimeoutMs, stage } as const;
        fail(new RouterOsError("timeout", describeConnectFailure(failure, endpoint)));
      }, options.connectTimeoutMs);
      const connecting = api.connect();
      const { socket, receiver } = connectionInternals(api);
      socket.once("connect", () => {
        tcpUp = true;
        if (!endpoint.tls) connected = true;
      });
      socket.once("secureConnect", () => {
        connected = true;
      });
      // Kept for the message: node-routeros passes on only a numeric errno (nothing for TLS errors).
      socket.once("error", (e) => {
        socketError = e;
      });
      // node-routeros writes every word with its own socket.write; with Nagle's algorithm each
      // command then waits for the router's delayed ACK (~40 ms on Linux) before its last words go.
      socket.setNoDelay(true);
      guardReceiver(receiver, (e) =>
        conn.destroy(new RouterOsError("connection", `protocol error: ${e instanceof Error ? e.message : e}`)),
      );
      socket.once("close", () => {
        // node-routeros leaves `connect()` pending when the router closes during login.
        fail(new RouterOsError("connection", describeConnectFailure({ kind: "closed", connected }, endpoint)));
        conn.destroy(new RouterOsError("connection", "connection closed"));
      });
      connecting.then(
        () => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve(conn);
        },
        (e: unknown) => fail(classifyConnectError(e, endpoint, socketError)),
      );
    });
  }

  get closed(): boolean {
    return this.#closedError !== undefined;
  }

  /** Runs one command; rejects on `!trap`, after `timeoutMs`, or when the connection closes. */
  call(words: readonly string[], timeoutMs: number): Promise<Row[]> {
    if (this.#closedError) return Promise.reject(this.#closedError);
    return new Promise<Row[]>((resolve, reject) => {
      const entry: InFlight = {
        reject: (e) => {
          clearTimeout(timer);
          this.#inFlight.delete(entry);
          reject(e);
        },
      };
      const timer = setTimeout(() => {
        entry.reject(new RouterOsError("timeout", `${words[0]}: no reply within ${timeoutMs} ms`));
        // A router that does not answer one command will not answer the next one either on this
        // connection; reset it rather than leave later calls waiting behind a dead session.
        this.destroy(new RouterOsError("connection", "connection reset after a call timed out"));
      }, timeoutMs);
      this.#inFlight.add(entry);
      this.#api.write([...words]).then(
        (rows: unknown) => {
          if (!this.#inFlight.delete(entry)) return;
          clearTimeout(timer);
          resolve(Array.isArray(rows) ? (rows as Row[]) : []);
        },
        (e: unknown) => {
          if (this.#inFlight.has(entry)) entry.reject(classifyCallError(e, this.#endpoint));
        },
      );
    });
  }

  /** Closes the connection and rejects whatever is still in flight with `reason`. Idempotent. */
  destroy(reason: RouterOsError): void {
    if (this.#closedError) return;
    this.#closedError = reason;
    stopApiTimers(this.#api);
    for (const entry of [...this.#inFlight]) entry.reject(reason);
    try {
      connectionInternals(this.#api).socket.destroy();
    } catch {
      // No socket: connect() never got that far.
    }
    this.#onClose(this, reason);
  }
}
