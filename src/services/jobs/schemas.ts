import { z } from "zod";
import { FAILED_JOB_STATUSES, JOB_STATUSES } from "../../db/schema";
import { PageQuerySchema } from "../../lib/pagination";

const JobTypeFilter = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9_.-]+$/)
  .optional()
  .meta({ description: "Only jobs of this type", example: "backup.run" });

export const ListJobsQuery = PageQuerySchema.extend({
  status: z.enum(JOB_STATUSES).optional().meta({ description: "Only jobs in this state", example: "running" }),
  type: JobTypeFilter,
});
export type ListJobsQuery = z.infer<typeof ListJobsQuery>;

export const ListFailedJobsQuery = PageQuerySchema.extend({
  status: z
    .enum(FAILED_JOB_STATUSES)
    .optional()
    .meta({ description: "failed (open), retried or discarded", example: "failed" }),
  type: JobTypeFilter,
});
export type ListFailedJobsQuery = z.infer<typeof ListFailedJobsQuery>;
