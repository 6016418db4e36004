import { sql } from "drizzle-orm";
import { bigint, check, index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { id, oneOf, tenantId } from "./_columns";

export const BACKUP_STATUSES = ["running", "succeeded", "failed"] as const;

/**
 * One tenant backup run (spec Backup, Properties 54–56): the compressed, encrypted archive lives in
 * object storage under `object_key`; `manifest` lists what it holds plus the checksums a restore
 * verifies first. Rows past `expires_at` are pruned with their objects. Purging a tenant removes
 * these rows; the purge job deletes the objects.
 */
export const backups = pgTable(
  "backups",
  {
    id: id(),
    tenantId: tenantId(),
    status: text("status", { enum: BACKUP_STATUSES }).notNull().default("running"),
    objectKey: text("object_key"),
    manifest: jsonb("manifest"),
    sizeBytes: bigint("size_bytes", { mode: "number" }),
    error: text("error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
  },
  (t) => [
    index("backups_tenant_created_at_idx").on(t.tenantId, t.createdAt),
    check("backups_status_check", oneOf(t.status, BACKUP_STATUSES)),
    check("backups_size_bytes_non_negative", sql`${t.sizeBytes} is null or ${t.sizeBytes} >= 0`),
  ],
);

export type Backup = typeof backups.$inferSelect;
export type NewBackup = typeof backups.$inferInsert;
