import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../../src/db/client";
import { backups } from "../../../src/db/schema";
import { openBackup, readLines, sealBackup, textStream } from "../../../src/services/backups/codec";
import { importBackupKey } from "../../../src/services/backups/container";
import { BackupManifestSchema, containerContext } from "../../../src/services/backups/internal";
import { collect } from "../../unit/backups/support";
import { bucket, testBackupDeps } from "./fixtures";

async function* linesOf(lines: string[]): AsyncGenerator<string> {
  for (const line of lines) yield `${line}\n`;
}

/**
 * Opens a stored backup, lets `edit` change its plaintext lines, and stores it again sealed with
 * the same key and context, its manifest matched to the new content (schema version and migration
 * count from the header, row counts from the trailer, sizes and hashes): the backup another build
 * would have written, which passes every integrity check.
 */
export async function rewriteBackup(
  db: DbOrTx,
  tenantId: string,
  backupId: string,
  edit: (lines: string[]) => string[],
): Promise<void> {
  const key = await importBackupKey(testBackupDeps().encryptionKey);
  const objectKey = `tenants/${tenantId}/${backupId}.bin`;
  const context = containerContext(tenantId, backupId);
  const stored = (await bucket().get(objectKey)) as R2ObjectBody;
  const lines: string[] = [];
  for await (const line of readLines(openBackup(stored.body, key, context).stream)) lines.push(line);
  const edited = edit(lines);
  const header = JSON.parse(edited[0] as string);
  const trailer = JSON.parse(edited.at(-1) as string);
  const [row] = await db.select().from(backups).where(eq(backups.id, backupId));
  const manifest = BackupManifestSchema.parse(row?.manifest);
  const sealed = sealBackup(textStream(linesOf(edited)), key, context, manifest.chunkSize);
  const bytes = await collect(sealed.stream);
  const stats = await sealed.stats;
  await bucket().put(objectKey, bytes, { customMetadata: stored.customMetadata });
  const { schemaVersion, migrationCount } = header;
  const { rowCounts, totalRows } = trailer;
  await db
    .update(backups)
    .set({ manifest: { ...manifest, ...stats, schemaVersion, migrationCount, rowCounts, totalRows } })
    .where(eq(backups.id, backupId));
}

/** The header line with `patch` applied (e.g. another schema version). */
export function patchHeader(lines: string[], patch: Record<string, unknown>): string[] {
  return [JSON.stringify({ ...JSON.parse(lines[0] as string), ...patch }), ...lines.slice(1)];
}

/** Every row line of `table` passed through `fn` (row lines are `to_jsonb` text). */
export function editRows(lines: string[], table: string, fn: (row: string) => string): string[] {
  let current: string | undefined;
  return lines.map((line, i) => {
    if (i === 0 || line.startsWith('{"@')) {
      current = line.startsWith('{"@table"') ? JSON.parse(line)["@table"] : undefined;
      return line;
    }
    return current === table ? fn(line) : line;
  });
}

/** A row line without `column` (whose value is a number, string, boolean or null). */
export function dropColumn(row: string, column: string): string {
  const value = String.raw`(?:"(?:[^"\\]|\\.)*"|[^,{}\[\]"]+)`;
  const out = row
    .replace(new RegExp(`"${column}": ${value}, `), "")
    .replace(new RegExp(`, "${column}": ${value}}$`), "}");
  if (out === row) throw new Error(`row has no scalar column ${column}: ${row}`);
  return out;
}

/** The backup without `table`: its section, rows, header entry and trailer count. */
export function dropTable(lines: string[], table: string): string[] {
  const header = JSON.parse(lines[0] as string);
  const trailer = JSON.parse(lines.at(-1) as string);
  const removed = trailer.rowCounts[table] as number;
  delete trailer.rowCounts[table];
  const start = lines.findIndex((l) => l.startsWith(`{"@table":"${table}"`));
  const body = lines.slice(1, -1).filter((_, i) => i + 1 < start || i + 1 > start + removed);
  return [
    JSON.stringify({ ...header, tables: header.tables.filter((t: string) => t !== table) }),
    ...body,
    JSON.stringify({ ...trailer, totalRows: trailer.totalRows - removed }),
  ];
}

/** The backup with one more (empty) table at the end, e.g. one a later migration dropped. */
export function addEmptyTable(lines: string[], table: string): string[] {
  const header = JSON.parse(lines[0] as string);
  const trailer = JSON.parse(lines.at(-1) as string);
  return [
    JSON.stringify({ ...header, tables: [...header.tables, table] }),
    ...lines.slice(1, -1),
    JSON.stringify({ "@table": table, primaryKey: ["id"] }),
    JSON.stringify({ ...trailer, rowCounts: { ...trailer.rowCounts, [table]: 0 } }),
  ];
}
