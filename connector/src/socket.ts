import type { IncomingMessage } from "node:http";
import WebSocket from "ws";
import { CLOSE_CODES, HEARTBEAT_TEXT } from "../../src/protocol/index.ts";
import { backoffDelay } from "./backoff.ts";
import type { Logger } from "./log.ts";

export interface SocketOptions {
  url: string;
  /** Read at every connect attempt: the credential changes after enrollment. */
  headers: () => Record<string, string>;
  /** An attempt that is not open by then is abandoned. */
  connectTimeoutMs: number;
  backoffBaseMs: number;
  backoffCapMs: number;
  /** A connection that stayed open this long resets the backoff (one that drops at once does not). */
  stableAfterMs: number;
  heartbeatIntervalMs: number;
  /** Nothing received for this long (no message, no pong): the link is dead, reconnect. */
  livenessTimeoutMs: number;
  /** Messages kept while offline; beyond it the oldest is dropped. */
  maxQueue: number;
  random: () => number;
  log: Logger;
  onOpen?: () => void;
  onMessage?: (text: string) => void;
  onClose?: (info: { code: number; reason: string }) => void;
  /**
   * The cloud refused the credential (HTTP 401/403 or close 4001). Returns true when the owner has
   * switched to another credential (`headers` will send it): then the next attempt follows the
   * normal backoff instead of the slow retry meant for a credential only an operator can fix.
   */
  onRefused?: () => boolean;
}

export const DEFAULT_SOCKET_OPTIONS = {
  connectTimeoutMs: 15_000,
  backoffBaseMs: 1_000,
  backoffCapMs: 60_000,
  stableAfterMs: 30_000,
  heartbeatIntervalMs: 25_000,
  livenessTimeoutMs: 80_000,
  maxQueue: 1_000,
} satisfies Partial<SocketOptions>;

/**
 * The connector's one outbound WebSocket to its gateway, kept up forever: exponential backoff with
 * full jitter between attempts, a connect timeout, an application heartbeat (plus ws pings) with a
 * liveness timeout, and a bounded queue for messages sent while offline (partysocket's options).
 */
export class ReconnectingSocket {
  readonly #o: SocketOptions;
  #ws: WebSocket | undefined;
  #attempt = 0;
  #stopped = true;
  #retryTimer: NodeJS.Timeout | undefined;
  #heartbeat: NodeJS.Timeout | undefined;
  #openedAt = 0;
  #lastInbound = 0;
  /** Set by a close that says retrying soon is pointless (bad token, replaced): wait the cap. */
  #slowRetry = false;
  readonly #queue: string[] = [];
  #dropped = 0;
  #connects = 0;

  constructor(options: SocketOptions) {
    this.#o = options;
  }

  get connected(): boolean {
    return this.#ws?.readyState === WebSocket.OPEN;
  }

  /** Messages dropped from the offline queue because it was full. */
  get droppedMessages(): number {
    return this.#dropped;
  }

  /** Successful opens so far. */
  get connects(): number {
    return this.#connects;
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#connect();
  }

  /** Closes for good (no reconnect). */
  stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#retryTimer);
    clearInterval(this.#heartbeat);
    const ws = this.#ws;
    this.#ws = undefined;
    if (!ws || ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      ws.once("close", () => resolve());
      if (ws.readyState === WebSocket.CONNECTING) ws.terminate();
      else ws.close(1000, "connector stopping");
      setTimeout(() => {
        ws.terminate();
        resolve();
      }, 2_000).unref();
    });
  }

  /**
   * Sends now when connected. Otherwise queues it (`queue: true`, the default; oldest dropped when
   * full) or drops it (`queue: false`, for messages that are stale by the time we reconnect).
   */
  send(text: string, options: { queue?: boolean } = {}): boolean {
    const ws = this.#ws;
    if (ws && ws.readyState === WebSocket.OPEN) {
      ws.send(text);
      return true;
    }
    if (options.queue === false) return false;
    this.#queue.push(text);
    while (this.#queue.length > this.#o.maxQueue) {
      this.#queue.shift();
      this.#dropped++;
    }
    return false;
  }

  /** Forces a reconnect now (the link looks dead). */
  reconnect(reason: string): void {
    this.#o.log.warn("websocket reconnecting", { reason });
    this.#ws?.terminate();
  }

  #connect(): void {
    if (this.#stopped) return;
    const o = this.#o;
    const ws = new WebSocket(o.url, { headers: o.headers(), handshakeTimeout: o.connectTimeoutMs });
    this.#ws = ws;
    let failedStatus: number | undefined;
    let lastError: string | undefined;
    ws.on("unexpected-response", (_req, res: IncomingMessage) => {
      failedStatus = res.statusCode;
      res.resume();
      ws.terminate();
    });
    ws.on("open", () => this.#onOpen(ws));
    ws.on("message", (data, isBinary) => {
      this.#lastInbound = Date.now();
      if (!isBinary) o.onMessage?.(data.toString());
    });
    ws.on("pong", () => {
      this.#lastInbound = Date.now();
    });
    ws.on("error", (e) => {
      lastError = e.message;
    });
    ws.on("close", (code, reasonBuf) => {
      const reason = failedStatus === undefined ? reasonBuf.toString() || lastError || "" : `HTTP ${failedStatus}`;
      const wasOpen = this.#openedAt > 0;
      if (this.#ws !== ws) return;
      this.#ws = undefined;
      clearInterval(this.#heartbeat);
      if (wasOpen) o.onClose?.({ code, reason });
      if (failedStatus === 401 || failedStatus === 403 || code === CLOSE_CODES.unauthorized) {
        if (o.onRefused?.() !== true) {
          o.log.error("the cloud refused this connector's credential; retrying slowly", { code, reason });
          this.#slowRetry = true;
        }
      } else if (code === CLOSE_CODES.replaced) {
        o.log.warn("another connector with the same credential took over; is it installed twice?", { code });
        this.#slowRetry = true;
      } else if (wasOpen) {
        o.log.info("websocket closed", { code, reason });
      } else {
        o.log.warn("cannot connect to the cloud", { reason, attempt: this.#attempt + 1 });
      }
      if (wasOpen && Date.now() - this.#openedAt >= o.stableAfterMs) this.#attempt = 0;
      this.#openedAt = 0;
      this.#scheduleReconnect();
    });
  }

  #onOpen(ws: WebSocket): void {
    const o = this.#o;
    this.#openedAt = Date.now();
    this.#lastInbound = Date.now();
    this.#slowRetry = false;
    this.#connects++;
    o.log.info("websocket connected", { url: o.url });
    o.onOpen?.();
    while (this.#queue.length > 0 && ws.readyState === WebSocket.OPEN) {
      const next = this.#queue.shift();
      if (next !== undefined) ws.send(next);
    }
    this.#heartbeat = setInterval(() => {
      if (Date.now() - this.#lastInbound > o.livenessTimeoutMs) {
        this.reconnect(`nothing received for ${o.livenessTimeoutMs} ms`);
        return;
      }
      ws.send(HEARTBEAT_TEXT);
      ws.ping();
    }, o.heartbeatIntervalMs);
  }

  #scheduleReconnect(): void {
    if (this.#stopped) return;
    const o = this.#o;
    const delay = this.#slowRetry
      ? o.backoffCapMs
      : backoffDelay(this.#attempt, o.backoffBaseMs, o.backoffCapMs, o.random);
    this.#attempt++;
    o.log.debug("websocket reconnect scheduled", { delayMs: delay, attempt: this.#attempt });
    this.#retryTimer = setTimeout(() => this.#connect(), delay);
  }
}
