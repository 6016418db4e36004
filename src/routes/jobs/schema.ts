import { z } from "@hono/zod-openapi";
import { FAILED_JOB_STATUSES, JOB_STATUSES } from "../../db/schema";
import { ListFailedJobsQuery as FailedInput, ListJobsQuery as JobsInput } from "../../services/jobs/schemas";
import { pageSchema } from "../shared";

const uuidExample = "3f6c1e2a-9b7d-4c1e-8a43-2f0d6c1b7e55";

export const JobSchema = z
  .object({
    id: z.uuid().openapi({ example: uuidExample }),
    type: z.string().openapi({ description: "The job message type", example: "backup.run" }),
    status: z.enum(JOB_STATUSES).openapi({ example: "running" }),
    progress: z.number().int().openapi({ description: "0–100; also sent live as `job.progress` events", example: 40 }),
    result: z
      .unknown()
      .openapi({ description: "What the job produced, when it succeeded", example: { backupId: uuidExample } }),
    error: z.string().nullable().openapi({ description: "The last error, if any", example: null }),
    idempotencyKey: z
      .string()
      .openapi({ description: "One job per key and tenant", example: "backup:scheduled:2026-11-25" }),
    createdBy: z
      .uuid()
      .nullable()
      .openapi({ description: "The user who started it (null: the system)", example: null }),
    createdAt: z.string().openapi({ example: "2026-11-25T19:30:00.000Z" }),
    updatedAt: z.string().openapi({ example: "2026-11-25T19:30:04.000Z" }),
  })
  .openapi("Job");

export const FailedJobSchema = z
  .object({
    id: z.uuid().openapi({ example: uuidExample }),
    queue: z.string().openapi({ example: "jobs" }),
    jobType: z.string().openapi({ example: "email.send" }),
    payload: z.unknown().openapi({
      description: "The message as it was enqueued (re-enqueued as is on retry)",
      example: {
        type: "email.send",
        tenantId: uuidExample,
        notificationId: uuidExample,
        idempotencyKey: "notification:…",
      },
    }),
    error: z.string().openapi({ example: "451 4.3.0 Try again later" }),
    attempts: z.number().int().openapi({ description: "Deliveries tried before giving up", example: 3 }),
    status: z.enum(FAILED_JOB_STATUSES).openapi({ example: "failed" }),
    firstFailedAt: z.string().openapi({ example: "2026-11-25T19:31:00.000Z" }),
    lastFailedAt: z.string().openapi({ example: "2026-11-25T19:33:00.000Z" }),
    retriedAt: z.string().nullable().openapi({ example: null }),
  })
  .openapi("FailedJob");

export const ListJobsQuery = JobsInput.openapi("ListJobsQuery");
export const ListFailedJobsQuery = FailedInput.openapi("ListFailedJobsQuery");

export const JobIdParams = z.object({
  id: z.uuid().openapi({ param: { name: "id", in: "path" }, example: uuidExample }),
});

export const JobListSchema = pageSchema(JobSchema, "JobList");
export const FailedJobListSchema = pageSchema(FailedJobSchema, "FailedJobList");
