import { and, eq, sql } from "drizzle-orm";
import { backups } from "../../db/schema";
import { type ServiceContext, withTenantTx } from "../context";
import { recordChange } from "../events/record";
import { requirePermission } from "../permissions";
import { sealBackup, textStream } from "./codec";
import { DEFAULT_CHUNK_SIZE, FORMAT_VERSION, importBackupKey } from "./container";
import { startBackup } from "./create";
import type { BackupDeps } from "./deps";
import { exportLines } from "./export";
import { recordBackupFailure } from "./failure";
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, type BackupHeader, SCHEMA_VERSION } from "./format";
import {
  type BackupManifest,
  type BackupView,
  backupObjectKey,
  containerContext,
  getBackupInTenant,
  toBackupView,
} from "./internal";
import { writeObject } from "./object-writer";
import { EXPORTED_TABLES } from "./tables";

/**
 * Runs one backup of the context's tenant: every row of it exported in one consistent snapshot,
 * gzip-compressed, encrypted and streamed to `tenants/<tenant>/<backup>.bin`, then the manifest
 * recorded. Without `backupId` it opens the run itself (the cron); with one it fills the row the
 * API opened. Idempotent for a redelivered job: a run that is no longer `running` is returned as
 * it is. A failure never throws: it is recorded and announced (failure.ts, Property 55) and the
 * failed view returned, since retrying at once rarely helps (the next scheduled run tries again).
 */
export async function runTenantBackup(ctx: ServiceContext, deps: BackupDeps, backupId?: string): Promise<BackupView> {
  requirePermission(ctx, "backups:write");
  const tenantId = ctx.tenant.id;
  const id = backupId ?? (await startBackup(ctx)).id;
  const row = await withTenantTx(ctx, (tx) => getBackupInTenant(tx, tenantId, id));
  if (row.status !== "running") return toBackupView(row);
  const objectKey = backupObjectKey(tenantId, id);
  try {
    const manifest = await writeBackupObject(ctx, deps, { id, createdAt: row.createdAt, objectKey });
    return await withTenantTx(ctx, async (tx, txCtx) => {
      const [done] = await tx
        .update(backups)
        .set({
          status: "succeeded",
          objectKey,
          manifest,
          sizeBytes: manifest.ciphertextBytes,
          completedAt: sql`now()`,
        })
        .where(and(eq(backups.tenantId, tenantId), eq(backups.id, id), eq(backups.status, "running")))
        .returning();
      if (!done) return toBackupView(await getBackupInTenant(tx, tenantId, id));
      const view = toBackupView(done);
      await recordChange(tx, txCtx, {
        tenantId,
        action: "complete",
        entityType: "backup",
        entityId: id,
        changes: { status: { old: "running", new: "succeeded" }, sizeBytes: manifest.ciphertextBytes },
        event: view,
      });
      return view;
    });
  } catch (err) {
    deps.log?.error("backup failed", { tenantId, backupId: id, err });
    // A stored object without a succeeded row is of no use to anyone: remove it.
    await deps.bucket.delete(objectKey).catch(() => {});
    return recordBackupFailure(ctx, deps, id, err);
  }
}

/** Export → seal → R2, inside one read-only REPEATABLE READ transaction (one snapshot for all tables). */
async function writeBackupObject(
  ctx: ServiceContext,
  deps: BackupDeps,
  run: { id: string; createdAt: Date; objectKey: string },
): Promise<BackupManifest> {
  const tenantId = ctx.tenant.id;
  const key = await importBackupKey(deps.encryptionKey);
  const chunkSize = deps.chunkSize ?? DEFAULT_CHUNK_SIZE;
  const header: BackupHeader = {
    "@format": BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    schemaVersion: SCHEMA_VERSION.tag,
    migrationCount: SCHEMA_VERSION.migrationCount,
    tenantId,
    backupId: run.id,
    createdAt: run.createdAt.toISOString(),
    tables: EXPORTED_TABLES.map((t) => t.name),
  };
  const rowCounts: Record<string, number> = {};
  const identity = {
    format: `${BACKUP_FORMAT}/${BACKUP_FORMAT_VERSION}`,
    container: `RTRWBKUP/${FORMAT_VERSION}`,
    schemaVersion: SCHEMA_VERSION.tag,
    tenantId,
    backupId: run.id,
    createdAt: header.createdAt,
  };
  const progress = deps.progress;
  // Progress in steps of 10%: each report is a write and a WebSocket event.
  let reported = -1;
  const onTable = progress
    ? async (done: number, total: number) => {
        const step = Math.floor((done * 10) / total) * 10;
        if (step <= reported) return;
        reported = step;
        await progress(step);
      }
    : undefined;
  // Not withTenantTx: the isolation level must be set before the transaction's first statement.
  const { stats, multipart } = await ctx.db.transaction(
    async (tx) => {
      await tx.execute(sql`select set_config('app.tenant_id', ${tenantId}, true)`);
      const lines = exportLines(tx, header, rowCounts, onTable);
      const sealed = sealBackup(textStream(lines), key, containerContext(tenantId, run.id), chunkSize);
      const written = await writeObject(deps.bucket, run.objectKey, sealed.stream, {
        partSize: deps.partSize,
        metadata: identity,
        finalMetadata: async () => {
          const s = await sealed.stats;
          return {
            plaintextSha256: s.plaintextSha256,
            ciphertextSha256: s.ciphertextSha256,
            sizes: `${s.plaintextBytes}/${s.compressedBytes}/${s.ciphertextBytes}`,
            rowCounts: JSON.stringify(rowCounts),
          };
        },
      });
      return { stats: await sealed.stats, multipart: written.multipart };
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
  await progress?.(100);
  return {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    container: identity.container,
    schemaVersion: SCHEMA_VERSION.tag,
    migrationCount: SCHEMA_VERSION.migrationCount,
    tenantId,
    backupId: run.id,
    createdAt: header.createdAt,
    rowCounts,
    totalRows: Object.values(rowCounts).reduce((a, b) => a + b, 0),
    ...stats,
    chunkSize,
    multipart,
  };
}
