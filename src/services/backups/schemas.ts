import { z } from "zod";
import { BACKUP_STATUSES } from "../../db/schema";
import { PageQuerySchema } from "../../lib/pagination";

export const BackupStatusSchema = z
  .enum(BACKUP_STATUSES)
  .meta({ description: "running → succeeded | failed", example: "succeeded" });

export const ListBackupsQuery = PageQuerySchema.extend({
  status: BackupStatusSchema.optional(),
});
export type ListBackupsQuery = z.infer<typeof ListBackupsQuery>;
