/**
 * Applies and rolls back the SQL migrations in `drizzle/`.
 *
 * drizzle-kit generates the up files and the journal; every migration also has a hand-written
 * `<tag>.down.sql`. drizzle-kit's own `migrate` cannot roll back, so this small runner does both,
 * each migration in its own transaction, recording what is applied in `schema_migrations`.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type pg from "pg";

const DRIZZLE_DIR = join(import.meta.dirname, "..", "..", "drizzle");
/** drizzle-kit ends statements with `--> statement-breakpoint`, on its own line or after the `;`. */
const BREAKPOINT = /-->\s*statement-breakpoint[^\n]*/;

export interface Migration {
  idx: number;
  tag: string;
}

export async function listMigrations(): Promise<Migration[]> {
  const journal = JSON.parse(await readFile(join(DRIZZLE_DIR, "meta", "_journal.json"), "utf8")) as {
    entries: Migration[];
  };
  return journal.entries.map(({ idx, tag }) => ({ idx, tag })).sort((a, b) => a.idx - b.idx);
}

export async function readStatements(tag: string, direction: "up" | "down"): Promise<string[]> {
  const file = join(DRIZZLE_DIR, direction === "up" ? `${tag}.sql` : `${tag}.down.sql`);
  const text = await readFile(file, "utf8");
  return text
    .split(BREAKPOINT)
    .map((s) => s.trim())
    .filter((s) => s.replace(/--.*$/gm, "").trim().length > 0);
}

async function ensureTable(client: pg.ClientBase): Promise<void> {
  await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    idx integer PRIMARY KEY,
    tag text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
}

async function applied(client: pg.ClientBase): Promise<Set<number>> {
  await ensureTable(client);
  const { rows } = await client.query<{ idx: number }>("SELECT idx FROM schema_migrations");
  return new Set(rows.map((r) => r.idx));
}

/** Applies pending migrations in order (all, or those below index `to`); returns the tags applied. */
export async function migrateUp(client: pg.ClientBase, opts: { to?: number } = {}): Promise<string[]> {
  const done = await applied(client);
  const ran: string[] = [];
  for (const m of await listMigrations()) {
    if (done.has(m.idx) || (opts.to !== undefined && m.idx >= opts.to)) continue;
    await runInTransaction(client, await readStatements(m.tag, "up"), async () => {
      await client.query("INSERT INTO schema_migrations (idx, tag) VALUES ($1, $2)", [m.idx, m.tag]);
    });
    ran.push(m.tag);
  }
  return ran;
}

/** Rolls back the newest `steps` applied migrations (all of them with `Infinity`). */
export async function migrateDown(client: pg.ClientBase, steps = 1): Promise<string[]> {
  const done = await applied(client);
  const targets = (await listMigrations())
    .filter((m) => done.has(m.idx))
    .sort((a, b) => b.idx - a.idx)
    .slice(0, steps);
  for (const m of targets) {
    await runInTransaction(client, await readStatements(m.tag, "down"), async () => {
      await client.query("DELETE FROM schema_migrations WHERE idx = $1", [m.idx]);
    });
  }
  return targets.map((m) => m.tag);
}

async function runInTransaction(
  client: pg.ClientBase,
  statements: string[],
  record: () => Promise<void>,
): Promise<void> {
  await client.query("BEGIN");
  try {
    for (const sql of statements) await client.query(sql);
    await record();
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK");
    throw err;
  }
}
