/**
 * Local login roles for the two database paths. The migrations create the NOLOGIN group roles
 * `rtrw_app` (row-level security applies) and `rtrw_system` (the explicit privileged path for crons
 * and the platform operator); on Neon you create the login roles once in the console and grant
 * them these groups. Locally we do it here, with fixed development passwords.
 */
import pg from "pg";

export const APP_LOGIN = { user: "rtrw_app_login", password: "app-local-password", group: "rtrw_app" } as const;
export const SYSTEM_LOGIN = {
  user: "rtrw_system_login",
  password: "system-local-password",
  group: "rtrw_system",
} as const;

export async function ensureLoginRoles(ownerUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    // The Neon driver computes SCRAM in JavaScript on every new connection, and a Worker opens one
    // per request: at Postgres' default 4096 iterations that was most of a test request's time.
    // These fixed local passwords protect nothing, so they are stored with one iteration.
    await client.query("SET scram_iterations = 1");
    for (const r of [APP_LOGIN, SYSTEM_LOGIN]) {
      const { rowCount } = await client.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [r.user]);
      if (!rowCount) await client.query(`CREATE ROLE ${r.user} LOGIN NOBYPASSRLS`);
      await client.query(`ALTER ROLE ${r.user} PASSWORD '${r.password}'`);
      await client.query(`GRANT ${r.group} TO ${r.user}`);
    }
  } finally {
    await client.end();
  }
}

export function roleUrl(role: { user: string; password: string }, port: number, database: string): string {
  return `postgres://${role.user}:${role.password}@127.0.0.1:${port}/${database}`;
}
