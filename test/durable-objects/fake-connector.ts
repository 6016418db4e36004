import { env, exports } from "cloudflare:workers";
import type { ConnectorGateway } from "../../durable-objects/connector-gateway";
import {
  type CloudMessage,
  type Command,
  type ConnectorMessage,
  encodeMessage,
  parseCloudMessage,
  type Result,
} from "../../src/protocol";
import { api, describe as describeRes } from "../support/api";

/** The test Worker's gateway namespace. */
export const gateways = env.CONNECTOR_GATEWAY as DurableObjectNamespace<ConnectorGateway>;
export const gatewayOf = (connectorId: string) => gateways.get(gateways.idFromName(connectorId));

/**
 * The connector's end of a gateway socket, played by the test: records what the cloud sends,
 * `next()` waits for a matching message, `reply()` answers commands.
 */
export class FakeConnector {
  readonly received: CloudMessage[] = [];
  readonly raw: string[] = [];
  private cursor = 0;
  private wake: (() => void) | undefined;
  readonly closed: Promise<CloseEvent>;

  constructor(readonly ws: WebSocket) {
    ws.accept();
    ws.addEventListener("message", (e) => {
      const text = typeof e.data === "string" ? e.data : "";
      this.raw.push(text);
      const parsed = parseCloudMessage(text);
      if (parsed.ok) this.received.push(parsed.message);
      this.wake?.();
    });
    this.closed = new Promise((resolve) => ws.addEventListener("close", resolve, { once: true }));
  }

  /** Through the real Worker route; the response when the upgrade was refused. */
  static async connect(token: string, query = ""): Promise<{ res: Response; conn?: FakeConnector }> {
    const res = await exports.default.fetch(`http://api.test/api/v1/connectors/connect${query}`, {
      headers: { upgrade: "websocket", authorization: `Bearer ${token}` },
    });
    return { res, conn: res.webSocket ? new FakeConnector(res.webSocket) : undefined };
  }

  send(msg: ConnectorMessage): void {
    this.ws.send(encodeMessage(msg));
  }

  hello(connectorId: string, routers: { routerId: string; reachable: boolean; version?: string }[] = []): void {
    this.send({ type: "hello", protocol: 1, connectorId, version: "0.1.0-test", routers });
  }

  async next<T extends CloudMessage>(match: (m: CloudMessage) => m is T, timeoutMs?: number): Promise<T>;
  async next(match?: (m: CloudMessage) => boolean, timeoutMs?: number): Promise<CloudMessage>;
  async next(match: (m: CloudMessage) => boolean = () => true, timeoutMs = 5000): Promise<CloudMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (let i = this.cursor; i < this.received.length; i++) {
        const m = this.received[i] as CloudMessage;
        if (match(m)) {
          this.cursor = i + 1;
          return m;
        }
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching message within ${timeoutMs} ms; got ${this.raw.join(" | ")}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  nextCommand(op?: Command["op"], timeoutMs?: number): Promise<Command> {
    return this.next((m): m is Command => m.type === "command" && (op === undefined || m.op === op), timeoutMs);
  }

  /** Answers a command with success (`data`) or a failure. */
  reply(cmd: Command, outcome: { data?: unknown; error?: Result["error"] }): void {
    if (outcome.error) this.send({ type: "result", commandId: cmd.id, ok: false, error: outcome.error });
    else this.send({ type: "result", commandId: cmd.id, ok: true, data: (outcome.data ?? {}) as never });
  }

  /** Answers every command from now on with `answer(cmd)` (synchronous requests, provisioning). */
  autoReply(answer: (cmd: Command) => { data?: unknown; error?: Result["error"] }): void {
    this.ws.addEventListener("message", (e) => {
      const parsed = parseCloudMessage(typeof e.data === "string" ? e.data : "");
      if (parsed.ok && parsed.message.type === "command") this.reply(parsed.message, answer(parsed.message));
    });
  }

  close(): void {
    this.ws.close(1000, "test done");
  }
}

/** Polls `read` until it returns `want` (or times out with the last value). */
export async function eventually<T>(read: () => Promise<T>, want: (v: T) => boolean, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = await read();
  while (!want(last) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    last = await read();
  }
  return last;
}

/** `api()` that throws with the response body unless the status is the expected one. */
export async function must<T>(expected: number, ...args: Parameters<typeof api>): Promise<T> {
  const res = await api<T>(...args);
  if (res.status !== expected) throw new Error(`${args[0]}: expected ${expected}, got ${describeRes(res)}`);
  return res.body;
}
