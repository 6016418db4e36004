import { env } from "cloudflare:test";
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
