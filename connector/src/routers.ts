import type { RouterConfig, RouterStatus } from "../../src/protocol/index.ts";
import type { Logger } from "./log.ts";
import { RouterSession, type SessionOptions, type SessionStatus } from "./routeros/session.ts";

interface Entry {
  config: RouterConfig;
  session: RouterSession;
  identity?: string;
  version?: string;
}

/** The routers the cloud told us about, each with its one API session. */
export class RouterRegistry {
  readonly #entries = new Map<string, Entry>();
  readonly #options: Partial<SessionOptions>;
  readonly #log: Logger;

  constructor(options: Partial<SessionOptions>, log: Logger) {
    this.#options = options;
    this.#log = log;
  }

  /** Adopts a new router list: new routers get a session, changed ones a new session, removed ones close. */
  apply(routers: readonly RouterConfig[]): void {
    const wanted = new Map(routers.map((r) => [r.routerId, r]));
    for (const [id, entry] of this.#entries) {
      const next = wanted.get(id);
      if (!next || JSON.stringify(next) !== JSON.stringify(entry.config)) {
        entry.session.close();
        this.#entries.delete(id);
      }
    }
    for (const config of routers) {
      if (this.#entries.has(config.routerId)) continue;
      const log = this.#log.child({ routerId: config.routerId, host: config.host });
      const session = new RouterSession(
        { host: config.host, port: config.port, username: config.username, password: config.password, tls: config.tls },
        { ...this.#options, log },
      );
      this.#entries.set(config.routerId, { config, session });
    }
  }

  get(routerId: string): RouterSession | undefined {
    return this.#entries.get(routerId)?.session;
  }

  ids(): string[] {
    return [...this.#entries.keys()];
  }

  /** What the poller learned about a router (shown in `hello`). */
  setInfo(routerId: string, info: { identity?: string; version?: string }): void {
    const entry = this.#entries.get(routerId);
    if (entry) Object.assign(entry, info);
  }

  /**
   * `reachable` only for what the session actually observed: connected → true, its last connect or
   * call failed → false. A router not tried yet (the session opens lazily, on the first poll 30 s
   * after `config`) has no flag: `false` there made the cloud raise a `router_offline` alert on
   * every start, resolved at the first poll.
   */
  statuses(): RouterStatus[] {
    return [...this.#entries.entries()].map(([routerId, e]) => ({
      routerId,
      ...reachability(e.session.status),
      ...(e.identity === undefined ? {} : { identity: e.identity }),
      ...(e.version === undefined ? {} : { version: e.version }),
    }));
  }

  closeAll(): void {
    for (const e of this.#entries.values()) e.session.close();
    this.#entries.clear();
  }
}

function reachability(status: SessionStatus): { reachable?: boolean } {
  if (status.connected) return { reachable: true };
  return status.lastError ? { reachable: false } : {};
}
