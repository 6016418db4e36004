import { z } from "zod";

/** The queues this Worker consumes (wrangler.toml). */
export const JOBS_QUEUE = "jobs";
export const JOBS_DLQ = "jobs-dlq";

/**
 * Every message says what it is for (`idempotencyKey`): a redelivered or re-enqueued message with
 * the same key has no second effect. Long jobs claim their key in `jobs` (unique per tenant), email
 * uses its `notifications` row (a sent row is never sent again).
 */
const IdempotencyKey = z.string().trim().min(1).max(200);

const EmailSendMessage = z.object({
  type: z.literal("email.send"),
  tenantId: z.uuid(),
  /** The delivery-log row holding recipient, template and data; the consumer renders from it. */
  notificationId: z.uuid(),
  idempotencyKey: IdempotencyKey,
});

const BackupRunMessage = z.object({
  type: z.literal("backup.run"),
  tenantId: z.uuid(),
  /** The `jobs` row tracking progress (created by the cron or the API before enqueueing). */
  jobId: z.uuid().optional(),
  /** The `backups` row, when the API created it up front (`POST /backups`). */
  backupId: z.uuid().optional(),
  trigger: z.enum(["scheduled", "manual"]).default("scheduled"),
  idempotencyKey: IdempotencyKey,
});

/**
 * What the queue carries: only work that has a handler. Router provisioning does not go through it
 * (domain events reach the connector's ConnectorGateway, and the provisioning sweep catches up), and
 * CSV exports are streamed by the request that asks for them.
 */
export const JobMessageSchema = z.discriminatedUnion("type", [EmailSendMessage, BackupRunMessage]);

export type JobMessage = z.infer<typeof JobMessageSchema>;
/** What producers pass in (defaults not yet applied). */
export type JobMessageInput = z.input<typeof JobMessageSchema>;
export type JobType = JobMessage["type"];
export type MessageOf<T extends JobType> = Extract<JobMessage, { type: T }>;
