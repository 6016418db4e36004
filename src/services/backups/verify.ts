import { ConflictError } from "../errors";
import { openBackup, readLines } from "./codec";
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
 * JSON lines, the header (tenant, backup id, schema version, tables), the row counts of every
 * table, and the SHA-256 of both the ciphertext and the plaintext. `onItem` sees the content as it
 * is read; it is only proven intact when this returns, so a caller acting on items must be able to
 * undo them (restore runs it once with a no-op first, then inside its transaction).
 * Any mismatch is a BackupCorruptError (409); errors thrown by `onItem` pass through unchanged.
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
    if (err === callbackError || err instanceof BackupCorruptError) throw err;
    throw new BackupCorruptError(err instanceof Error ? err.message : String(err));
  }
}

function checkItem(item: BackupItem, manifest: BackupManifest): void {
  if (item.kind === "header") {
    const h = item.header;
    if (h.tenantId !== manifest.tenantId || h.backupId !== manifest.backupId) {
      throw new BackupCorruptError("the object belongs to another backup");
    }
    if (h.schemaVersion !== manifest.schemaVersion || h.schemaVersion !== SCHEMA_VERSION.tag) {
      throw new BackupCorruptError(`schema version ${h.schemaVersion} is not the current ${SCHEMA_VERSION.tag}`);
    }
    if (
      !same(
        h.tables,
        EXPORTED_TABLES.map((t) => t.name),
      )
    )
      throw new BackupCorruptError("unexpected table list");
  } else if (item.kind === "end" && !sameCounts(item.rowCounts, manifest.rowCounts)) {
    throw new BackupCorruptError("row counts differ from the manifest");
  }
}
