import { type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { ConflictError } from "../errors";
import { RESTORABLE_SCHEMA_VERSIONS, SCHEMA_VERSION } from "./format";
import { EXPORTED_TABLES } from "./tables";

/**
 * Restoring a backup taken before later migrations (format.ts `RESTORABLE_SCHEMA_VERSIONS`). The
 * rule: a backup restores if its schema version is a migration of this build, at or before the
 * current one, and its rows fit today's tables without a data transform:
 * - a column the backup lacks gets the column's DEFAULT (the insert names the backup's columns
 *   only); one that is NOT NULL without a default (nor identity, nor generated) cannot be filled: 409;
 * - a column the backup has and the table no longer has was dropped or renamed: 409;
 * - a table added since is simply absent (the tenant had no rows in it; restored empty); a table
 *   the backup has and the current schema no longer backs up: 409.
 * A table's backup columns are the keys of its first row (format.ts). Everything is decided before
 * the restore transaction, so a refusal changes no row. Not detected here: a column whose type
 * changed since — Postgres casts the value on insert, or fails and the whole transaction rolls back
 * (a cast error is a 4xx through the error handler's SQLSTATE mapping, and nothing changed).
 */

/** 409 for a schema version that is not a migration of this build (newer, or not ours). */
export function assertRestorableVersion(tag: string): void {
  if (RESTORABLE_SCHEMA_VERSIONS.has(tag)) return;
  throw new ConflictError(
    `Backup has schema version ${tag}, which is not a migration of this build (current ${SCHEMA_VERSION.tag}): it is newer or unknown, so nothing was restored`,
  );
}

function incompatible(version: string, problems: string[]): ConflictError {
  return new ConflictError(
    `Backup of schema version ${version} does not fit the current schema ${SCHEMA_VERSION.tag}: ${problems.join("; ")}; nothing was restored`,
  );
}

const exported = new Map(EXPORTED_TABLES.map((t) => [t.name, t]));

/**
 * The header's table list of an older backup: each a table the current schema backs up, each after
 * the parents it has today (the restore inserts in file order). Tables added since may be missing.
 */
export function assertRestorableTables(version: string, tables: string[]): void {
  const position = new Map(tables.map((name, i) => [name, i]));
  const problems = tables.flatMap((name, i) => {
    const table = exported.get(name);
    if (!table) return [`table ${name} is no longer in the schema`];
    return table.dependsOn
      .filter((parent) => (position.get(parent) ?? -1) > i)
      .map((parent) => `table ${name} comes before its parent ${parent}`);
  });
  if (problems.length > 0) throw incompatible(version, problems);
}

/** The column names of a row line (a JSON object), or undefined if it is not one. */
export function rowColumns(line: string): string[] | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return value !== null && typeof value === "object" && !Array.isArray(value) ? Object.keys(value) : undefined;
  } catch {
    return undefined;
  }
}

type CurrentColumn = {
  table: string;
  column: string;
  /** NOT NULL, and nothing fills it when an insert leaves it out. */
  required: boolean;
  /** GENERATED ALWAYS AS (…) STORED: Postgres computes it, an insert may not name it. */
  generated: boolean;
};

/**
 * The columns to insert per table, given the backup's columns of each table with rows, or a 409
 * naming every column that does not fit. The current columns come from the database's catalogue,
 * not the drizzle schema: the restore writes to the database, so its columns, defaults (including
 * those migrations set in SQL) and NOT NULLs are what decide whether an insert works.
 */
export async function insertColumns(
  db: DbOrTx,
  version: string,
  backupColumns: ReadonlyMap<string, string[]>,
): Promise<Map<string, string[]>> {
  if (backupColumns.size === 0) return new Map();
  const names = JSON.stringify([...backupColumns.keys()]);
  const res = await db.execute<CurrentColumn>(sql`
    select c.relname as "table", a.attname as "column",
      a.attnotnull and not a.atthasdef and a.attidentity = '' and a.attgenerated = '' as required,
      a.attgenerated <> '' as generated
    from pg_attribute a join pg_class c on c.oid = a.attrelid
    where a.attrelid in (select t::regclass::oid from jsonb_array_elements_text(${names}::jsonb) t)
      and a.attnum > 0 and not a.attisdropped
    order by a.attnum`);
  const problems: string[] = [];
  const plan = new Map<string, string[]>();
  for (const [table, columns] of backupColumns) {
    const current = new Map(res.rows.filter((r) => r.table === table).map((r) => [r.column, r]));
    for (const column of columns.filter((c) => !current.has(c)))
      problems.push(`column ${table}.${column} is in the backup but no longer in the table`);
    for (const c of current.values())
      if (c.required && !columns.includes(c.column))
        problems.push(`column ${table}.${c.column} is required (NOT NULL, no default) but not in the backup`);
    plan.set(
      table,
      columns.filter((c) => !current.get(c)?.generated),
    );
  }
  if (problems.length > 0) throw incompatible(version, problems);
  return plan;
}

/**
 * Columns a migration added and filled from other columns of each row rather than with a constant
 * DEFAULT. A backup taken before that migration lacks them; after its rows are in, they are
 * filled the way the migration filled them, so the restore means what the backup meant.
 */
const DERIVED_COLUMNS: { table: string; column: string; fill: SQL }[] = [
  // 0009: a router's TLS choice is stored; before, RouterOS's api-ssl port 8729 meant TLS.
  { table: "mikrotik_routers", column: "api_tls", fill: sql`api_port = 8729` },
];

/** Fills the `DERIVED_COLUMNS` the backup's rows lacked (`columns`: what `insertColumns` planned). */
export async function fillDerivedColumns(tx: DbOrTx, tenantId: string, columns: ReadonlyMap<string, string[]>) {
  for (const d of DERIVED_COLUMNS) {
    const inserted = columns.get(d.table);
    if (!inserted || inserted.includes(d.column)) continue;
    await tx.execute(
      sql`update ${sql.identifier(d.table)} set ${sql.identifier(d.column)} = ${d.fill} where tenant_id = ${tenantId}`,
    );
  }
}
