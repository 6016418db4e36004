import { neonConfig, Pool } from "@neondatabase/serverless";
import { drizzle } from "drizzle-orm/neon-serverless";
import type { Config } from "../env";
import type { Logger } from "../lib/logger";
import * as schema from "./schema";

export type Db = ReturnType<typeof drizzle<typeof schema>>;
/** The transaction handle drizzle passes to `db.transaction(fn)`. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

/**
 * Points the Neon driver at a local WebSocket→TCP proxy (Neon's documented local setup) when
 * `DATABASE_WS_PROXY` is set; production leaves it unset and talks to Neon's endpoint. The settings
 * are module-level in the driver, so this is idempotent per isolate.
 */
function configureNeon(proxy: string | undefined) {
  if (!proxy) return;
  neonConfig.wsProxy = (host, port) => `${proxy}?address=${host}:${port}`;
  neonConfig.useSecureWebSocket = false;
  neonConfig.pipelineTLS = false;
  neonConfig.pipelineConnect = false;
  // Write coalescing waits for more writes; on loopback it only adds latency.
  neonConfig.coalesceWrites = false;
}

export interface DbHandle {
  db: Db;
  close(): Promise<void>;
}

export function createDb(url: string, config: Pick<Config, "DATABASE_WS_PROXY">, log?: Logger): DbHandle {
  configureNeon(config.DATABASE_WS_PROXY);
  const pool = new Pool({ connectionString: url, max: 5 });
  // An idle client's error must not become an unhandled rejection that kills the isolate. Ending
  // the pool drops its sockets, which the driver reports as errors too: those are expected.
  let closing = false;
  pool.on("error", (err: Error) => {
    if (!closing) log?.warn("database pool error", { message: err.message });
  });
  const db = drizzle({ client: pool, schema });
  return {
    db,
    close: () => {
      closing = true;
      return pool.end();
    },
  };
}

/**
 * The request's database handles, created on first use and closed when the request ends.
 * `app` is the row-level-security path every tenant request uses; `system` is the privileged path
 * reserved for the platform operator and scheduled jobs.
 */
export interface DbRegistry {
  app(): Db;
  system(): Db;
  closeAll(): Promise<void>;
}

export function createDbRegistry(config: Config, log?: Logger): DbRegistry {
  const handles: Partial<Record<"app" | "system", DbHandle>> = {};
  const get = (kind: "app" | "system") => {
    let h = handles[kind];
    if (!h) {
      h = createDb(kind === "app" ? config.DATABASE_URL : config.DATABASE_SYSTEM_URL, config, log);
      handles[kind] = h;
    }
    return h.db;
  };
  return {
    app: () => get("app"),
    system: () => get("system"),
    closeAll: async () => {
      const open = Object.values(handles);
      for (const k of Object.keys(handles)) delete handles[k as "app" | "system"];
      await Promise.allSettled(open.map((h) => h.close()));
    },
  };
}
