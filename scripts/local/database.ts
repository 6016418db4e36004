/**
 * One call that brings a local database to "ready": Postgres started, database created and
 * migrated, login roles in place, the Neon WebSocket proxy listening. Shared by `npm start` and the
 * test set-up so both run the same steps.
 */
import pg from "pg";
import { migrateUp } from "./migrations.ts";
import { ensureDatabase, type LocalPostgres, startPostgres } from "./postgres.ts";
import { APP_LOGIN, ensureLoginRoles, roleUrl, SYSTEM_LOGIN } from "./roles.ts";
import { startWsProxy, type WsProxy } from "./ws-proxy.ts";

export interface LocalDatabase {
  postgres: LocalPostgres;
  proxy: WsProxy;
  database: string;
  /** The Worker's configuration for this database. */
  workerVars: { DATABASE_URL: string; DATABASE_SYSTEM_URL: string; DATABASE_WS_PROXY: string };
  ownerUrl: string;
  migrated: string[];
  stop(): Promise<void>;
}

export async function startLocalDatabase(opts: {
  dataDir: string;
  pgPort: number;
  proxyPort: number;
  database: string;
  /** Drop and recreate the database first (tests start from nothing). */
  fresh?: boolean;
  step?: (name: string) => void;
  log?: (line: string) => void;
}): Promise<LocalDatabase> {
  const step = opts.step ?? (() => {});
  step(`starting PostgreSQL 17 on 127.0.0.1:${opts.pgPort} (data: ${opts.dataDir})`);
  const postgres = await startPostgres({ dataDir: opts.dataDir, port: opts.pgPort, log: opts.log });
  let proxy: WsProxy | undefined;
  try {
    if (opts.fresh) await dropDatabase(postgres.ownerUrl(), opts.database);
    await ensureDatabase(postgres.ownerUrl(), opts.database);
    const ownerUrl = postgres.ownerUrl(opts.database);
    step("applying migrations");
    const client = new pg.Client({ connectionString: ownerUrl });
    await client.connect();
    let migrated: string[];
    try {
      migrated = await migrateUp(client);
    } finally {
      await client.end();
    }
    await ensureLoginRoles(ownerUrl);
    step(`starting the Neon WebSocket proxy on 127.0.0.1:${opts.proxyPort}`);
    proxy = await startWsProxy({
      port: opts.proxyPort,
      allow: [`127.0.0.1:${opts.pgPort}`],
      logins: [APP_LOGIN, SYSTEM_LOGIN],
    });
    const p = proxy;
    return {
      postgres,
      proxy: p,
      database: opts.database,
      ownerUrl,
      migrated,
      workerVars: {
        DATABASE_URL: roleUrl(APP_LOGIN, opts.pgPort, opts.database),
        DATABASE_SYSTEM_URL: roleUrl(SYSTEM_LOGIN, opts.pgPort, opts.database),
        DATABASE_WS_PROXY: `127.0.0.1:${opts.proxyPort}/v2`,
      },
      stop: async () => {
        await p.close();
        await postgres.stop();
      },
    };
  } catch (err) {
    await proxy?.close();
    await postgres.stop();
    throw err;
  }
}

async function dropDatabase(ownerUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
