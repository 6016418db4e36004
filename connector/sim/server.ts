import { createServer, type Server } from "node:net";
import type { SimMode } from "./commands.ts";
import { SimConnection, type SimContext } from "./connection.ts";
import { SimState } from "./state.ts";

export interface SimUser {
  name: string;
  password: string;
}

/**
 * Faults a test can switch on or off at any time. A command matcher is `true` (any command after
 * login) or the exact command word (`/ppp/secret/add`).
 */
export interface SimFaults {
  /** Close the connection when a matching command arrives, before running it (drop mid-command). */
  dropOnCommand?: true | string;
  /** Run a matching command, then close the connection without replying (the effect happened, the reply is lost). */
  dropAfterExecute?: true | string;
  /** Accept a matching command and never answer it (until `/cancel`). */
  neverReply?: true | string;
  /** Every login fails as with a wrong password. */
  refuseLogin?: boolean;
  /** Accept TCP connections and close them at once (API service restricted or disabled). */
  closeOnConnect?: boolean;
  /** Wait this long before sending each reply. */
  delayMs?: number;
  /** Write replies in pieces of this many bytes, one per event-loop turn (partial frames). */
  fragmentBytes?: number;
}

export interface SimOptions {
  port?: number;
  host?: string;
  mode: SimMode;
  users: SimUser[];
  faults?: SimFaults;
  /** RouterOS version printed by `/system/resource`; defaults per mode. */
  version?: string;
}

export interface RouterOsSim {
  port: number;
  host: string;
  mode: SimMode;
  state: SimState;
  faults: SimFaults;
  setFault<K extends keyof SimFaults>(fault: K, value: SimFaults[K] | undefined): void;
  /** Every command sentence received after login, in order (tests count executions with it). */
  commands: string[][];
  /** Live API connections. */
  connections(): number;
  /** Close every connection now (a router reboot or a cable pulled), keeping the server up. */
  dropConnections(): void;
  close(): Promise<void>;
}

const DEFAULT_VERSION: Record<SimMode, string> = {
  "6.43": "6.49.10 (long-term)",
  "7.18": "7.18.2 (stable)",
  "legacy-challenge": "6.42.12 (long-term)",
};

/**
 * A RouterOS API server on TCP, faithful to the wire protocol and to what this product touches:
 * `/ppp/secret`, `/ppp/profile`, `/ppp/active`, `/ip/pool`, `/queue/simple`, `/system/resource`,
 * `/system/identity`. Listens on 127.0.0.1, on `port` or an ephemeral one.
 */
export async function startRouterOsSim(options: SimOptions): Promise<RouterOsSim> {
  const ctx: SimContext = {
    mode: options.mode,
    users: options.users,
    faults: { ...options.faults },
    state: new SimState(options.version ?? DEFAULT_VERSION[options.mode]),
    commands: [],
  };
  const live = new Set<SimConnection>();
  const server: Server = createServer((socket) => {
    if (ctx.faults.closeOnConnect) {
      socket.destroy();
      return;
    }
    socket.setNoDelay(true);
    const conn = new SimConnection(ctx, socket);
    live.add(conn);
    socket.on("close", () => live.delete(conn));
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    port,
    host,
    mode: ctx.mode,
    state: ctx.state,
    faults: ctx.faults,
    commands: ctx.commands,
    setFault(fault, value) {
      if (value === undefined) delete ctx.faults[fault];
      else ctx.faults[fault] = value;
    },
    connections: () => live.size,
    dropConnections() {
      for (const c of live) c.destroy();
    },
    close() {
      for (const c of live) c.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
