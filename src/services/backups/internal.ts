import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "../../db/client";
import { type Backup, backups } from "../../db/schema";
import { errorFields } from "../../lib/logger";
import { NotFoundError } from "../errors";
import { EXPORTED_TABLES } from "./tables";

/** Backups are kept this long (spec Backup Strategy); `expires_at` is set when the row is created. */
export const RETENTION_DAYS = 30;

/** Where a backup's object lives in the bucket. */
export function backupObjectKey(tenantId: string, backupId: string): string {
  return `tenants/${tenantId}/${backupId}.bin`;
}

/** Bound into every chunk's AAD: the object opens only as this tenant's backup with this id. */
export function containerContext(tenantId: string, backupId: string): string {
  return `${tenantId}/${backupId}`;
}

/** What `backups.manifest` holds: everything a restore checks before it touches a row. */
export const BackupManifestSchema = z.object({
  format: z.string(),
  formatVersion: z.number().int(),
  container: z.string(),
  schemaVersion: z.string(),
  migrationCount: z.number().int(),
  tenantId: z.uuid(),
  backupId: z.uuid(),
  createdAt: z.string(),
  rowCounts: z.record(z.string(), z.number().int().min(0)),
  totalRows: z.number().int().min(0),
  plaintextSha256: z.string().regex(/^[0-9a-f]{64}$/),
  ciphertextSha256: z.string().regex(/^[0-9a-f]{64}$/),
  plaintextBytes: z.number().int().min(0),
  compressedBytes: z.number().int().min(0),
  ciphertextBytes: z.number().int().min(0),
  chunkSize: z.number().int().positive(),
  multipart: z.boolean(),
});
export type BackupManifest = z.infer<typeof BackupManifestSchema>;

/** A backup of this tenant, or NotFoundError (404 also for another tenant's id). */
export async function getBackupInTenant(db: DbOrTx, tenantId: string, id: string): Promise<Backup> {
  const [row] = await db
    .select()
    .from(backups)
    .where(and(eq(backups.tenantId, tenantId), eq(backups.id, id)))
    .limit(1);
  if (!row) throw new NotFoundError("backup", id);
  return row;
}

export function toBackupView(b: Backup) {
  const manifest = BackupManifestSchema.safeParse(b.manifest);
  return {
    id: b.id,
    status: b.status,
    sizeBytes: b.sizeBytes,
    error: b.error,
    createdAt: b.createdAt.toISOString(),
    completedAt: b.completedAt?.toISOString() ?? null,
    expiresAt: b.expiresAt?.toISOString() ?? null,
    manifest: manifest.success
      ? {
          schemaVersion: manifest.data.schemaVersion,
          formatVersion: manifest.data.formatVersion,
          rowCounts: inTableOrder(manifest.data.rowCounts),
          totalRows: manifest.data.totalRows,
          plaintextSha256: manifest.data.plaintextSha256,
          ciphertextSha256: manifest.data.ciphertextSha256,
          plaintextBytes: manifest.data.plaintextBytes,
          compressedBytes: manifest.data.compressedBytes,
          ciphertextBytes: manifest.data.ciphertextBytes,
        }
      : null,
  };
}
export type BackupView = ReturnType<typeof toBackupView>;

/** jsonb does not keep key order: counts are shown in the backup's (foreign-key) table order. */
function inTableOrder(counts: Record<string, number>): Record<string, number> {
  const known = EXPORTED_TABLES.map((t) => t.name).filter((name) => name in counts);
  const rest = Object.keys(counts).filter((name) => !known.includes(name));
  return Object.fromEntries([...known, ...rest].map((name) => [name, counts[name] as number]));
}

/**
 * Error text kept on a failed backup and sent to admins: bounded, one line; a database error is
 * described as the logs describe it (SQLSTATE and constraint, never the values it quotes).
 */
export function describeFailure(err: unknown): string {
  const fields = err instanceof Error ? errorFields(err) : undefined;
  const text = fields ? `${fields.name}: ${fields.message}` : String(err);
  return text.replace(/\s+/g, " ").slice(0, 2000);
}
