import { and, count, desc, eq, ilike, type SQL } from "drizzle-orm";
import { z } from "zod";
import { NOTIFICATION_STATUSES, type Notification, notifications } from "../../db/schema";
import { type Page, PageQuerySchema, pageMeta, searchQuery } from "../../lib/pagination";
import { escapeLike } from "../../lib/sql";
import { type ServiceContext, withTenantTx } from "../context";
import { TEMPLATE_NAMES } from "../email/templates";
import { requirePermission } from "../permissions";

export const ListNotificationsQuery = PageQuerySchema.extend({
  status: z.enum(NOTIFICATION_STATUSES).optional().meta({ description: "queued, sent or failed", example: "failed" }),
  template: z
    .enum(TEMPLATE_NAMES as [string, ...string[]])
    .optional()
    .meta({ example: "payment_overdue" }),
  search: searchQuery("Matches the recipient address", "siti@"),
});
export type ListNotificationsQuery = z.infer<typeof ListNotificationsQuery>;

export function toNotificationView(n: Notification) {
  return {
    id: n.id,
    channel: n.channel,
    template: n.template,
    recipient: n.recipient,
    subject: n.subject,
    status: n.status,
    attempts: n.attempts,
    lastError: n.lastError,
    messageId: n.messageId,
    sentAt: n.sentAt?.toISOString() ?? null,
    createdAt: n.createdAt.toISOString(),
    updatedAt: n.updatedAt.toISOString(),
  };
}
export type NotificationView = ReturnType<typeof toNotificationView>;

/** The email delivery log of the tenant, newest first: queued → sent | failed, attempts, last error. */
export async function listNotifications(
  ctx: ServiceContext,
  q: ListNotificationsQuery,
): Promise<Page<NotificationView>> {
  requirePermission(ctx, "notifications:read");
  const conds: SQL[] = [eq(notifications.tenantId, ctx.tenant.id)];
  if (q.status) conds.push(eq(notifications.status, q.status));
  if (q.template) conds.push(eq(notifications.template, q.template));
  if (q.search) conds.push(ilike(notifications.recipient, `%${escapeLike(q.search)}%`));
  const where = and(...conds);
  return withTenantTx(ctx, async (tx) => {
    const [rows, [total]] = await Promise.all([
      tx
        .select()
        .from(notifications)
        .where(where)
        .orderBy(desc(notifications.createdAt), desc(notifications.id))
        .limit(q.limit)
        .offset((q.page - 1) * q.limit),
      tx.select({ n: count() }).from(notifications).where(where),
    ]);
    return { data: rows.map(toNotificationView), meta: pageMeta(q, total?.n ?? 0) };
  });
}
