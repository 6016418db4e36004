import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { id, oneOf, tenantForeignKey, timestamps } from "./_columns";
import { tenants } from "./tenants";
import { users } from "./users";

export const JOB_STATUSES = ["queued", "running", "succeeded", "failed"] as const;
export const FAILED_JOB_STATUSES = ["failed", "retried", "discarded"] as const;

/**
 * Long-running work clients poll: backups (`backup.run`, daily by the cron or `POST /backups`; the
 * queue consumer claims the message's key here, writes `progress` (0–100), then `result` or
 * `error`) and monthly billing runs (`billing.run`, recorded by the billing cron). Emails are
 * tracked in `notifications`, not here. `tenant_id` is null for platform-wide jobs; row-level
 * security hides those from the app role.
 *
 * Idempotency is per tenant: (tenant_id, idempotency_key) is unique NULLS NOT DISTINCT, so a client
 * retrying a request with the same key gets the same job, one tenant can never collide with (and so
 * probe or block) another tenant's keys, and platform jobs (null tenant) dedupe among themselves.
 * Requests without a key get a random one, which is why the column is never null.
 */
export const jobs = pgTable(
  "jobs",
  {
    id: id(),
    tenantId: uuid("tenant_id").references(() => tenants.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    status: text("status", { enum: JOB_STATUSES }).notNull().default("queued"),
    progress: integer("progress").notNull().default(0),
    result: jsonb("result"),
    error: text("error"),
    idempotencyKey: text("idempotency_key").notNull().default(sql`gen_random_uuid()::text`),
    createdBy: uuid("created_by"),
    ...timestamps(),
  },
  (t) => [
    tenantForeignKey("jobs_tenant_created_by_fk", t, t.createdBy, users).onDelete("set null"),
    unique("jobs_tenant_idempotency_key").on(t.tenantId, t.idempotencyKey).nullsNotDistinct(),
    index("jobs_tenant_created_at_idx").on(t.tenantId, t.createdAt),
    check("jobs_status_check", oneOf(t.status, JOB_STATUSES)),
    check("jobs_progress_range", sql`${t.progress} between 0 and 100`),
  ],
);

/**
 * The dead-letter record: a queue message that exhausted its retries lands here (from the `jobs-dlq`
 * consumer) so operators can inspect, retry or discard it through the API. `tenant_id` is null for
 * global jobs (cron fan-out, platform maintenance). Retrying re-enqueues `payload` and marks the row
 * `retried` (`retried_at`); discarding marks it `discarded`. Rows are kept for inspection either way.
 */
export const failedJobs = pgTable(
  "failed_jobs",
  {
    id: id(),
    tenantId: uuid("tenant_id").references(() => tenants.id, { onDelete: "cascade" }),
    queue: text("queue").notNull(),
    jobType: text("job_type").notNull(),
    payload: jsonb("payload").notNull(),
    error: text("error").notNull(),
    attempts: integer("attempts").notNull().default(0),
    firstFailedAt: timestamp("first_failed_at", { withTimezone: true }).notNull().defaultNow(),
    lastFailedAt: timestamp("last_failed_at", { withTimezone: true }).notNull().defaultNow(),
    retriedAt: timestamp("retried_at", { withTimezone: true }),
    status: text("status", { enum: FAILED_JOB_STATUSES }).notNull().default("failed"),
  },
  (t) => [
    index("failed_jobs_tenant_status_last_failed_at_idx").on(t.tenantId, t.status, t.lastFailedAt),
    check("failed_jobs_status_check", oneOf(t.status, FAILED_JOB_STATUSES)),
    check("failed_jobs_attempts_non_negative", sql`${t.attempts} >= 0`),
  ],
);

export type Job = typeof jobs.$inferSelect;
export type NewJob = typeof jobs.$inferInsert;
export type FailedJob = typeof failedJobs.$inferSelect;
export type NewFailedJob = typeof failedJobs.$inferInsert;
