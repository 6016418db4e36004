import { createDb, type DbHandle } from "../../src/db/client";
import { type Bindings, type Config, EnvSchema } from "../../src/env";
import { createLogger, type Logger } from "../../src/lib/logger";
import { secretBox } from "../../src/lib/secrets";
import type { ServiceContext } from "../../src/services/context";
import { eventPublisher } from "../../src/services/events/hub-publisher";
import { eventCollector } from "../../src/services/events/publisher";
import { systemTenantContext } from "../../src/services/system-context";

/** A pool left idle this long is closed: an open database socket would keep the object from hibernating. */
const IDLE_CLOSE_MS = 5_000;

/**
 * The gateway's way to Postgres: the row-level-security role, in the connector's tenant, as the
 * `system` actor. The pool is opened on first use and closed when idle, so a quiet gateway
 * hibernates and a busy one (a samples batch per poll) does not reconnect per message.
 */
export class GatewayBackend {
  readonly config: Config;
  readonly log: Logger;
  /** The tenants' hubs (absent without the binding): live bandwidth and the events `run` records. */
  readonly hub: Bindings["TENANT_HUB"];
  #handle: DbHandle | undefined;
  #idle: ReturnType<typeof setTimeout> | undefined;
  #users = 0;
  #ctx: ServiceContext | undefined;

  constructor(env: unknown, fields: Record<string, unknown>) {
    this.config = EnvSchema.parse(env);
    this.log = createLogger(fields, this.config.LOG_LEVEL);
    this.hub = (env as Partial<Bindings>).TENANT_HUB;
  }

  /**
   * Runs `fn` with the tenant's service context; null when the tenant no longer exists. The events
   * `fn` committed (a router or connector changing status, an alert, a provisioning report) go to
   * the tenant's hub right after, and their outbox rows are marked published; when that fails the
   * rows stay for the outbox sweep. Email rules run from the email sweep (`emails_due`), as for crons.
   */
  async run<T>(tenantId: string, job: string, fn: (ctx: ServiceContext) => Promise<T>): Promise<T | null> {
    if (this.#idle !== undefined) clearTimeout(this.#idle);
    this.#users += 1;
    try {
      this.#handle ??= createDb(this.config.DATABASE_URL, this.config, this.log);
      if (this.#ctx?.tenant.id !== tenantId) {
        const ctx = await systemTenantContext(this.#handle.db, tenantId, job, secretBox(this.config.ENCRYPTION_KEY));
        if (!ctx) return null;
        this.#ctx = ctx;
      }
      const db = this.#handle.db;
      const events = eventCollector();
      const result = await fn({ ...this.#ctx, db, events, actor: { type: "system", job } });
      const committed = events.drain();
      if (committed.length) await eventPublisher(this.hub, this.log, () => db).publish(committed);
      return result;
    } finally {
      this.#users -= 1;
      if (this.#users === 0) this.#idle = setTimeout(() => void this.close(), IDLE_CLOSE_MS);
    }
  }

  async close(): Promise<void> {
    const h = this.#handle;
    this.#handle = undefined;
    await h?.close().catch(() => {});
  }
}
