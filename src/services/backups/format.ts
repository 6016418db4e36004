import { z } from "zod";
import journal from "../../../drizzle/meta/_journal.json";

/**
 * The plaintext of a backup: JSON lines (UTF-8, one `\n` after every line), format version 1.
 *
 *   {"@format":"rtrwnet.tenant-backup","formatVersion":1,"schemaVersion":"0001_security",
 *    "migrationCount":2,"tenantId":…,"backupId":…,"createdAt":…,"tables":["tenants","users",…]}
 *   {"@table":"tenants","primaryKey":["id"]}
 *   {"id": "…", "name": "…", …}                     ← one row: Postgres `to_jsonb(row)`, verbatim
 *   {"@table":"users","primaryKey":["id"]}
 *   …
 *   {"@end":true,"rowCounts":{"tenants":1,"users":4,…},"totalRows":…}
 *
 * Tables come in foreign-key order (parents first) and every table of `tables` has a section,
 * rows sorted by primary key, so the same data always gives the same bytes. Rows are exactly what
 * Postgres renders (microsecond timestamps, numerics and bigints as written), and are restored with
 * `jsonb_populate_recordset`, so no value passes through a JavaScript number or Date. Control
 * lines start with `{"@`; a row line never does (no column name starts with `@`).
 * Every row of a table has the same keys (`to_jsonb` of one row type in one snapshot): the keys of
 * a table's first row are the backup's columns of that table. A restore inserts exactly those
 * columns, so a column added by a later migration gets its default (compat.ts); no column list is
 * kept in the file, since backups written before this rule have none and the rows already say it.
 */
export const BACKUP_FORMAT = "rtrwnet.tenant-backup";
export const BACKUP_FORMAT_VERSION = 1;

const entries = [...journal.entries].sort((a, b) => a.idx - b.idx);

/**
 * The database schema this build was made for: the tag of the newest migration in `drizzle/`
 * (deploys migrate before they ship code). Every backup records the version it was taken at.
 */
export const SCHEMA_VERSION = { tag: entries.at(-1)?.tag ?? "none", migrationCount: entries.length };

/**
 * The schema versions a restore accepts: every migration of the journal, i.e. the current one and
 * all before it (a backup survives the deploys of its 30 days of retention). A tag not in the
 * journal is a newer schema (a backup taken after a deploy that was rolled back) or no migration of
 * ours: its rows may hold columns this build does not know, so it is refused. Whether an older
 * backup's rows fit the current tables is checked column by column before a restore (compat.ts).
 */
export const RESTORABLE_SCHEMA_VERSIONS: ReadonlySet<string> = new Set(entries.map((e) => e.tag));

export const BackupHeaderSchema = z
  .object({
    "@format": z.literal(BACKUP_FORMAT),
    formatVersion: z.literal(BACKUP_FORMAT_VERSION),
    schemaVersion: z.string(),
    migrationCount: z.number().int().min(0),
    tenantId: z.uuid(),
    backupId: z.uuid(),
    createdAt: z.string(),
    tables: z.array(z.string()).min(1),
  })
  .strict();
export type BackupHeader = z.infer<typeof BackupHeaderSchema>;

const SectionSchema = z.object({ "@table": z.string(), primaryKey: z.array(z.string()) }).strict();

const TrailerSchema = z
  .object({
    "@end": z.literal(true),
    rowCounts: z.record(z.string(), z.number().int().min(0)),
    totalRows: z.number().int().min(0),
  })
  .strict();

export function headerLine(h: BackupHeader): string {
  return `${JSON.stringify(h)}\n`;
}

export function sectionLine(table: string, primaryKey: string[]): string {
  return `${JSON.stringify({ "@table": table, primaryKey })}\n`;
}

export function trailerLine(rowCounts: Record<string, number>): string {
  const totalRows = Object.values(rowCounts).reduce((a, b) => a + b, 0);
  return `${JSON.stringify({ "@end": true, rowCounts, totalRows })}\n`;
}

/** The content is not a well-formed backup (only reachable with a valid key, i.e. a bug or old format). */
export class BackupFormatError extends Error {
  override name = "BackupFormatError";
}

export type BackupItem =
  | { kind: "header"; header: BackupHeader }
  | { kind: "rows"; table: string; rows: string[] }
  | { kind: "end"; rowCounts: Record<string, number> };

function control<T>(schema: z.ZodType<T>, line: string, what: string): T {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new BackupFormatError(`${what} is not JSON`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new BackupFormatError(`${what} is malformed`);
  return parsed.data;
}

/**
 * Parses the lines of a backup, checking its whole structure: header first, one section per
 * listed table in that order, row lines only inside sections, a trailer whose counts match the
 * rows seen, nothing after it. Rows come in batches of up to `batchRows` lines.
 */
export async function* parseBackup(lines: AsyncIterable<string>, batchRows = 500): AsyncGenerator<BackupItem> {
  let header: BackupHeader | undefined;
  let table: string | undefined;
  let batch: string[] = [];
  const counts: Record<string, number> = {};
  let ended = false;
  for await (const line of lines) {
    if (ended) throw new BackupFormatError("content after the trailer");
    if (!header) {
      header = control(BackupHeaderSchema, line, "header");
      yield { kind: "header", header };
    } else if (line.startsWith('{"@table"')) {
      if (table && batch.length) yield { kind: "rows", table, rows: batch };
      batch = [];
      const next = control(SectionSchema, line, "section")["@table"];
      if (header.tables[Object.keys(counts).length] !== next) throw new BackupFormatError(`unexpected table ${next}`);
      table = next;
      counts[table] = 0;
    } else if (line.startsWith('{"@end"')) {
      if (table && batch.length) yield { kind: "rows", table, rows: batch };
      batch = [];
      const trailer = control(TrailerSchema, line, "trailer");
      if (Object.keys(counts).length !== header.tables.length) throw new BackupFormatError("missing tables");
      if (JSON.stringify(trailer.rowCounts) !== JSON.stringify(counts)) {
        throw new BackupFormatError("trailer row counts do not match the rows");
      }
      ended = true;
      yield { kind: "end", rowCounts: counts };
    } else {
      if (!table || !line.startsWith("{")) throw new BackupFormatError("row outside a table section");
      counts[table] = (counts[table] ?? 0) + 1;
      batch.push(line);
      if (batch.length >= batchRows) {
        yield { kind: "rows", table, rows: batch };
        batch = [];
      }
    }
  }
  if (!ended) throw new BackupFormatError("no trailer: the backup is incomplete");
}
