import { and, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { notifications, users } from "../../db/schema";
import type { JobQueue } from "../../queues/producer";
import { type Role, type ServiceContext, withTenantTx } from "../context";
import { renderEmail, type TemplateData } from "./render";
import type { TemplateName } from "./templates";

export interface EmailRequest<N extends TemplateName = TemplateName> {
  template: N;
  to: string;
  data: TemplateData<N>;
  /** What this email is about (e.g. `backup-failed:<id>`): the same key, template and recipient make the same notification. */
  key: string;
}

export interface QueuedEmails {
  /** Notifications created by this call (an already existing one is not created again). */
  notificationIds: string[];
  /** False when the queue refused: the rows stay `queued` and the outbox sweep sends them later. */
  enqueued: boolean;
}

/**
 * The notification id of (tenant, key, template, recipient): deterministic, so asking twice for
 * the same email (a retried job, an event seen by both the live publisher and a cron) makes one
 * row and one email. An md5 digest shaped as an RFC 9562 version-8 ("custom") UUID: the version
 * and variant nibbles are set so strict UUID validators (the queue messages') accept it.
 * Collisions are not a concern at this scale.
 */
export function notificationIdSql(tenantId: unknown, key: unknown, template: unknown, recipient: unknown) {
  const digest = sql`md5(${tenantId}::text || ':' || ${key}::text || ':' || ${template}::text || ':' || lower(${recipient}::text))`;
  return sql`overlay(overlay(${digest} placing '8' from 13 for 1) placing '8' from 17 for 1)::uuid`;
}

/**
 * Records emails in the delivery log (`notifications`, status `queued`) and puts one `email.send`
 * job per new row on the queue. Data is validated by rendering once here, so a bad payload fails
 * at its source instead of in the consumer.
 */
export async function queueEmails(
  ctx: ServiceContext,
  queue: JobQueue,
  requests: EmailRequest[],
): Promise<QueuedEmails> {
  if (requests.length === 0) return { notificationIds: [], enqueued: true };
  const brand = { tenantName: ctx.tenant.name, timeZone: ctx.tenant.timezone };
  const tenantId = ctx.tenant.id;
  const rows = requests.map((r) => ({
    id: notificationIdSql(tenantId, r.key, r.template, r.to),
    tenantId,
    template: r.template,
    recipient: r.to.toLowerCase(),
    subject: renderEmail(r.template, ctx.tenant.locale, r.data, brand).subject,
    data: { ...(r.data as Record<string, unknown>), key: r.key },
  }));
  const created = await withTenantTx(ctx, (tx) =>
    tx
      .insert(notifications)
      .values(rows)
      .onConflictDoNothing({ target: notifications.id })
      .returning({ id: notifications.id, tenantId: notifications.tenantId }),
  );
  const enqueued = await enqueueNotifications(queue, created);
  return { notificationIds: created.map((r) => r.id), enqueued };
}

/** One `email.send` per notification; false if the queue refused (the sweep retries those). */
export async function enqueueNotifications(
  queue: JobQueue,
  rows: { id: string; tenantId: string }[],
): Promise<boolean> {
  if (rows.length === 0) return true;
  try {
    await queue.sendBatch(
      rows.map((r) => ({
        type: "email.send",
        tenantId: r.tenantId,
        notificationId: r.id,
        idempotencyKey: `notification:${r.id}`,
      })),
    );
    return true;
  } catch {
    return false;
  }
}

/** Addresses of the tenant's active staff with one of `roles`. */
export async function staffEmails(tx: Tx, tenantId: string, roles: Role[]): Promise<string[]> {
  const rows = await tx
    .select({ email: users.email })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.isActive, true), inArray(users.role, roles)))
    .orderBy(users.email);
  return rows.map((r) => r.email);
}

/** The same email to every active admin of the context's tenant (e.g. a failed backup). */
export async function notifyTenantAdmins<N extends TemplateName>(
  ctx: ServiceContext,
  queue: JobQueue,
  email: { template: N; data: TemplateData<N>; key: string },
): Promise<QueuedEmails> {
  const admins = await withTenantTx(ctx, (tx) => staffEmails(tx, ctx.tenant.id, ["admin"]));
  return queueEmails(
    ctx,
    queue,
    admins.map((to) => ({ ...email, to }) as EmailRequest),
  );
}

/** Property 55's email half: every admin of the tenant hears that a backup failed. */
export function notifyBackupFailed(
  ctx: ServiceContext,
  queue: JobQueue,
  failure: { backupId: string; error: string; failedAt: Date | string },
): Promise<QueuedEmails> {
  const failedAt = typeof failure.failedAt === "string" ? failure.failedAt : failure.failedAt.toISOString();
  return notifyTenantAdmins(ctx, queue, {
    template: "backup_failed",
    data: { backupId: failure.backupId, error: failure.error.slice(0, 2000), failedAt },
    key: `backup-failed:${failure.backupId}`,
  });
}
