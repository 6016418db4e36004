import { env } from "cloudflare:test";
import { inject } from "vitest";
import { createDb, type DbHandle } from "../../src/db/client";

/**
 * Direct database handles for assertions, through the same Neon driver and proxy as the Worker.
 * `system` is the privileged role (sees every tenant), `app` the row-level-security role.
 */
export function testDb(kind: "app" | "system"): DbHandle {
  const e = env as unknown as Record<string, string>;
  return createDb(kind === "app" ? (e.DATABASE_URL as string) : (e.DATABASE_SYSTEM_URL as string), {
    DATABASE_WS_PROXY: e.DATABASE_WS_PROXY,
  });
}

/**
 * The test Postgres' superuser (the migrations' owner), for set-up no application role may do, such
 * as creating roles. `inject("db")` is typed in test/setup/global-setup.ts, outside this tsconfig.
 */
export function ownerDb(): DbHandle {
  const e = env as unknown as Record<string, string>;
  const { ownerUrl } = (inject as unknown as (key: "db") => { ownerUrl: string })("db");
  return createDb(ownerUrl, { DATABASE_WS_PROXY: e.DATABASE_WS_PROXY });
}
