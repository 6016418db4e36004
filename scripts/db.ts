/**
 * `npm run db:migrate` / `npm run db:rollback [steps]`.
 *
 * Against `DATABASE_OWNER_URL` when set (production: Neon's owner role, direct TCP), otherwise
 * against the local development database (started for the occasion if `npm start` is not running).
 */
import { join } from "node:path";
import pg from "pg";
import { migrateDown, migrateUp } from "./local/migrations.ts";
import { DEV } from "./local/ports.ts";
import { ensureDatabase, isPortTaken, type LocalPostgres, OWNER, startPostgres } from "./local/postgres.ts";

const [command, arg] = process.argv.slice(2);
if (command !== "migrate" && command !== "rollback") {
  console.error("usage: node scripts/db.ts migrate | rollback [steps|all]");
  process.exit(2);
}

let local: LocalPostgres | undefined;
let url = process.env.DATABASE_OWNER_URL;
if (!url) {
  if (!(await isPortTaken(DEV.postgres))) {
    local = await startPostgres({
      dataDir: join(import.meta.dirname, "..", ".local", "dev-postgres"),
      port: DEV.postgres,
    });
  }
  const server = `postgres://${OWNER.user}:${OWNER.password}@127.0.0.1:${DEV.postgres}`;
  await ensureDatabase(`${server}/postgres`, "rtrwnet");
  url = `${server}/rtrwnet`;
}

const client = new pg.Client({ connectionString: url });
try {
  await client.connect();
  if (command === "migrate") {
    const ran = await migrateUp(client);
    console.log(ran.length ? `applied: ${ran.join(", ")}` : "already up to date");
  } else {
    const steps = arg === "all" ? Number.POSITIVE_INFINITY : Number(arg ?? 1);
    if (!(steps > 0)) throw new Error(`steps must be a positive number or "all", got ${arg}`);
    const undone = await migrateDown(client, steps);
    console.log(undone.length ? `rolled back: ${undone.join(", ")}` : "nothing to roll back");
  }
} catch (err) {
  console.error(`\u2716 ${command} failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
} finally {
  await client.end().catch(() => {});
  await local?.stop();
}
