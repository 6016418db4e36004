import { backoffDelay } from "../backoff.ts";
import type { Logger } from "../log.ts";
import { ApiConnection, type ConnectionOptions, type RouterEndpoint, type Row } from "./connection.ts";
import { RouterOsError } from "./errors.ts";

/** What ops need from a router: run one API command, get its rows. `RouterSession` is the real one. */
export interface RouterApi {
  call(words: readonly string[]): Promise<Row[]>;
}

export interface SessionOptions extends ConnectionOptions {
  callTimeoutMs: number;
  /** After a failed connect, calls fail fast (retryable) until a backoff delay has passed. */
  reconnectBaseMs: number;
  reconnectCapMs: number;
  random?: () => number;
  log?: Logger;
}

export const DEFAULT_SESSION_OPTIONS: SessionOptions = {
  connectTimeoutMs: 10_000,
  idleTimeoutSeconds: 60,
  callTimeoutMs: 15_000,
  reconnectBaseMs: 1_000,
  reconnectCapMs: 60_000,
};

export interface SessionStatus {
  connected: boolean;
  /** The last connect or call failure, cleared by a successful connect. */
  lastError?: { kind: RouterOsError["kind"]; message: string; at: string };
}

/**
 * The one RouterOS API session the connector keeps per router. Calls are serialized: each starts when
 * the previous one has settled, so a small router never sees more than one of our commands at a
 * time and the order of writes is the order of calls. The connection is opened lazily, reopened
 * after it drops, and not retried faster than the backoff allows.
 */
export class RouterSession implements RouterApi {
  readonly #endpoint: RouterEndpoint;
  readonly #options: SessionOptions;
  #tail: Promise<unknown> = Promise.resolve();
  #conn: ApiConnection | undefined;
  #failures = 0;
  #retryAt = 0;
  #lastConnectError: RouterOsError | undefined;
  #closed = false;
  #status: SessionStatus = { connected: false };

  constructor(endpoint: RouterEndpoint, options: Partial<SessionOptions> = {}) {
    this.#endpoint = endpoint;
    this.#options = { ...DEFAULT_SESSION_OPTIONS, ...options };
  }

  get status(): SessionStatus {
    return this.#status;
  }

  get endpoint(): RouterEndpoint {
    return this.#endpoint;
  }

  call(words: readonly string[], timeoutMs = this.#options.callTimeoutMs): Promise<Row[]> {
    const run = () => this.#run(words, timeoutMs);
    const result = this.#tail.then(run, run);
    this.#tail = result.catch(() => {});
    return result;
  }

  /** Closes the connection; later calls fail with a `connection` error. */
  close(): void {
    this.#closed = true;
    this.#conn?.destroy(new RouterOsError("connection", "session closed"));
    this.#conn = undefined;
  }

  async #run(words: readonly string[], timeoutMs: number): Promise<Row[]> {
    const conn = await this.#connection();
    try {
      return await conn.call(words, timeoutMs);
    } catch (e) {
      if (e instanceof RouterOsError && e.kind !== "trap") this.#noteError(e);
      throw e;
    }
  }

  async #connection(): Promise<ApiConnection> {
    if (this.#closed) throw new RouterOsError("connection", "session closed");
    if (this.#conn && !this.#conn.closed) return this.#conn;
    if (Date.now() < this.#retryAt && this.#lastConnectError) throw this.#lastConnectError;
    try {
      const conn = await ApiConnection.open(this.#endpoint, this.#options, (closed, e) => {
        if (this.#conn === closed) {
          this.#conn = undefined;
          this.#status = { ...this.#status, connected: false };
          this.#options.log?.info("router connection closed", { host: this.#endpoint.host, reason: e.message });
        }
      });
      if (this.#closed) {
        conn.destroy(new RouterOsError("connection", "session closed"));
        throw new RouterOsError("connection", "session closed");
      }
      this.#conn = conn;
      this.#failures = 0;
      this.#retryAt = 0;
      this.#lastConnectError = undefined;
      this.#status = { connected: true };
      return conn;
    } catch (e) {
      const err = e instanceof RouterOsError ? e : new RouterOsError("connection", String(e));
      const { reconnectBaseMs, reconnectCapMs, random = Math.random } = this.#options;
      this.#retryAt = Date.now() + backoffDelay(this.#failures++, reconnectBaseMs, reconnectCapMs, random);
      this.#lastConnectError = err;
      this.#noteError(err);
      throw err;
    }
  }

  #noteError(e: RouterOsError): void {
    this.#status = {
      connected: this.#conn !== undefined && !this.#conn.closed,
      lastError: { kind: e.kind, message: e.message, at: new Date().toISOString() },
    };
  }
}
