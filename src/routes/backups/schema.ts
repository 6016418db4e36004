import { z } from "@hono/zod-openapi";
import { BACKUP_STATUSES } from "../../db/schema";
import { ListBackupsQuery as ListBackupsInput } from "../../services/backups/schemas";
import { pageSchema } from "../shared";

const Sha256 = z.string().openapi({ example: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" });

export const BackupManifestSchema = z
  .object({
    schemaVersion: z
      .string()
      .openapi({ description: "Newest migration of the database it was taken from", example: "0001_security" }),
    formatVersion: z.number().int().openapi({ description: "Version of the JSON-lines format", example: 1 }),
    rowCounts: z.record(z.string(), z.number().int()).openapi({
      description: "Rows per table, parents before children",
      example: { tenants: 1, users: 4, customers: 120 },
    }),
    totalRows: z.number().int().openapi({ example: 125 }),
    plaintextSha256: Sha256.openapi({ description: "SHA-256 of the JSON lines before compression" }),
    ciphertextSha256: Sha256.openapi({ description: "SHA-256 of the stored object" }),
    plaintextBytes: z.number().int().openapi({ example: 183_220 }),
    compressedBytes: z.number().int().openapi({ example: 21_704 }),
    ciphertextBytes: z.number().int().openapi({ description: "Size of the stored object", example: 21_768 }),
  })
  .openapi("BackupManifest");

export const BackupSchema = z
  .object({
    id: z.uuid().openapi({ example: "2c1f7a52-7d0b-4f3e-9a43-2f0d6c1b7e55" }),
    status: z.enum(BACKUP_STATUSES).openapi({ description: "running → succeeded | failed", example: "succeeded" }),
    sizeBytes: z.number().int().nullable().openapi({ description: "Size of the stored object", example: 21_768 }),
    error: z.string().nullable().openapi({ description: "Why it failed", example: null }),
    createdAt: z.string().openapi({ example: "2026-11-14T19:30:00.000Z" }),
    completedAt: z.string().nullable().openapi({ example: "2026-11-14T19:30:04.512Z" }),
    expiresAt: z
      .string()
      .nullable()
      .openapi({ description: "Deleted after this instant (30 days)", example: "2026-12-14T19:30:00.000Z" }),
    manifest: BackupManifestSchema.nullable().openapi({ description: "What the backup holds; set once it succeeded" }),
  })
  .openapi("Backup");

const UserRef = z.object({
  id: z.uuid().openapi({ example: "6b0f3c1e-2a4d-4c8e-9f11-0d2b7a5e9c33" }),
  email: z.string().openapi({ example: "operator@warungnet.id" }),
});

const RestoredUsersSchema = z
  .object({
    keptCurrent: z
      .array(UserRef.extend({ differs: z.array(z.string()).openapi({ example: ["role", "password"] }) }))
      .openapi({
        description:
          "In the backup and now, with a different role, active flag, password or email in the backup: today's kept",
      }),
    restoredInactive: z
      .array(UserRef)
      .openapi({ description: "Only in the backup (deleted since): restored deactivated, without a usable password" }),
    skipped: z
      .array(UserRef)
      .openapi({ description: "Only in the backup, under an email a current user has: not restored" }),
    keptNew: z.array(UserRef).openapi({ description: "Created since the backup: kept as they are" }),
  })
  .openapi("RestoredUsers", {
    description:
      "Users' credentials, roles and active flags are never taken from a backup; every session from before the restore ends",
  });

export const RestoreResultSchema = z
  .object({
    backupId: z.uuid().openapi({ example: "2c1f7a52-7d0b-4f3e-9a43-2f0d6c1b7e55" }),
    restoredAt: z.string().openapi({ example: "2026-11-20T08:00:00.000Z" }),
    rowCounts: z
      .record(z.string(), z.number().int())
      .openapi({ description: "Rows put back per restored table", example: { users: 4, customers: 120 } }),
    users: RestoredUsersSchema,
  })
  .openapi("BackupRestore");

export const ListBackupsQuery = ListBackupsInput.openapi("ListBackupsQuery");

export const BackupIdParams = z.object({
  id: z.uuid().openapi({ param: { name: "id", in: "path" }, example: "2c1f7a52-7d0b-4f3e-9a43-2f0d6c1b7e55" }),
});

export const BackupListSchema = pageSchema(BackupSchema, "BackupList");
