import { ConflictError } from "../errors";
import { openBackup, readLines } from "./codec";
import { assertRestorableTables, assertRestorableVersion } from "./compat";
import { importBackupKey } from "./container";
import { type BackupItem, parseBackup, SCHEMA_VERSION } from "./format";
import { type BackupManifest, containerContext } from "./internal";
import { EXPORTED_TABLES } from "./tables";

/** A backup that cannot be restored because its object is not what its manifest promises. */
export class BackupCorruptError extends ConflictError {
  constructor(reason: string) {
    super(`Backup failed its integrity check: ${reason}; nothing was restored`);
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
/** Counts compared by table, not by key order (jsonb does not keep the order of keys). */
const sameCounts = (a: Record<string, number>, b: Record<string, number>) =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => b[k] === v);

/**
 * Reads a stored backup from start to end and checks everything against its manifest: the object
 * size, every chunk's GCM tag (which also catches reordering and truncation), the structure of the
 * JSON lines, the header (tenant, backup id, schema version — the current one or an earlier
 * migration, compat.ts — and tables), the row counts of every table, and the SHA-256 of both the
 * ciphertext and the plaintext. `onItem` sees the content as it is read; it is only proven intact
 * when this returns, so a caller acting on items must be able to undo them (restore runs it once
 * only noting each table's columns, then inside its transaction).
 * Any mismatch is a BackupCorruptError (409), a schema version or table list this build cannot
 * restore a ConflictError (409); errors thrown by `onItem` pass through unchanged.
 */
export async function readVerifiedBackup(
  bucket: R2Bucket,
  objectKey: string,
  encryptionKey: string,
  manifest: BackupManifest,
  onItem: (item: BackupItem) => Promise<void>,
): Promise<void> {
  const object = await bucket.get(objectKey);
  if (!object) throw new BackupCorruptError("the backup object is missing");
  if (object.size !== manifest.ciphertextBytes) {
    await object.body.cancel();
    throw new BackupCorruptError(`object is ${object.size} bytes, manifest says ${manifest.ciphertextBytes}`);
  }
  const key = await importBackupKey(encryptionKey);
  const opened = openBackup(object.body, key, containerContext(manifest.tenantId, manifest.backupId));
  let callbackError: unknown;
  try {
    for await (const item of parseBackup(readLines(opened.stream))) {
      checkItem(item, manifest);
      try {
        await onItem(item);
      } catch (err) {
        callbackError = err;
        throw err;
      }
    }
    const stats = await opened.stats;
    if (stats.ciphertextSha256 !== manifest.ciphertextSha256) throw new BackupCorruptError("ciphertext hash differs");
    if (stats.plaintextSha256 !== manifest.plaintextSha256) throw new BackupCorruptError("plaintext hash differs");
    if (stats.plaintextBytes !== manifest.plaintextBytes) throw new BackupCorruptError("plaintext size differs");
  } catch (err) {
    // A ConflictError is a verdict already (corrupt, or not restorable into this schema).
    if (err === callbackError || err instanceof ConflictError) throw err;
    throw new BackupCorruptError(err instanceof Error ? err.message : String(err));
  }
}

/**
 * The header must match the manifest; a schema version other than the current one is accepted if
 * it is an earlier migration whose tables still fit (compat.ts, a ConflictError otherwise). A
 * backup of the current version lists exactly the current tables, as before.
 */
function checkItem(item: BackupItem, manifest: BackupManifest): void {
  if (item.kind === "header") {
    const h = item.header;
    if (h.tenantId !== manifest.tenantId || h.backupId !== manifest.backupId) {
      throw new BackupCorruptError("the object belongs to another backup");
    }
    if (h.schemaVersion !== manifest.schemaVersion || h.migrationCount !== manifest.migrationCount) {
      throw new BackupCorruptError(`schema version ${h.schemaVersion} differs from the manifest's`);
    }
    assertRestorableVersion(h.schemaVersion);
    const current = EXPORTED_TABLES.map((t) => t.name);
    const listed =
      h.schemaVersion === SCHEMA_VERSION.tag ? same(h.tables, current) : new Set(h.tables).size === h.tables.length;
    if (!listed) throw new BackupCorruptError("unexpected table list");
    assertRestorableTables(h.schemaVersion, h.tables);
  } else if (item.kind === "end" && !sameCounts(item.rowCounts, manifest.rowCounts)) {
    throw new BackupCorruptError("row counts differ from the manifest");
  }
}
