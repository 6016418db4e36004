import { and, count, desc, eq, gte, lt, type SQL } from "drizzle-orm";
import { type AuditLog, auditLogs } from "../../db/schema";
import { type Page, type PageQuery, pageMeta } from "../../lib/pagination";
import { isCalendarDate, nextDate, zonedStartOfDay } from "../../lib/time";
import { type ServiceContext, withTenantTx } from "../context";
import { InvalidInputError } from "../errors";
import { requirePermission } from "../permissions";

export interface ListAuditLogsFilter extends PageQuery {
  entityType?: string;
  entityId?: string;
  userId?: string;
  action?: string;
  /** Start, inclusive: an ISO date-time, or a date (its start in the tenant's time zone). */
  from?: string;
  /** End, exclusive: an ISO date-time, or a date (that whole day, in the tenant's time zone, included). */
  to?: string;
}

export interface AuditLogView {
  id: string;
  userId: string | null;
  actorType: AuditLog["actorType"];
  action: string;
  entityType: string;
  entityId: string;
  changes: unknown;
  ipAddress: string | null;
  userAgent: string | null;
  requestId: string | null;
  createdAt: string;
}

/** The tenant's audit trail, newest first (id breaks ties); every filter matches exactly. */
export async function listAuditLogs(ctx: ServiceContext, filter: ListAuditLogsFilter): Promise<Page<AuditLogView>> {
  requirePermission(ctx, "audit_logs:read");
  const tz = ctx.tenant.timezone;
  const from = filter.from
    ? isCalendarDate(filter.from)
      ? zonedStartOfDay(filter.from, tz)
      : new Date(filter.from)
    : undefined;
  const to = filter.to
    ? isCalendarDate(filter.to)
      ? zonedStartOfDay(nextDate(filter.to), tz)
      : new Date(filter.to)
    : undefined;
  if (from && to && from >= to) throw new InvalidInputError("`from` must be before `to`", "from");

  const conds: SQL[] = [eq(auditLogs.tenantId, ctx.tenant.id)];
  if (filter.entityType) conds.push(eq(auditLogs.entityType, filter.entityType));
  if (filter.entityId) conds.push(eq(auditLogs.entityId, filter.entityId));
  if (filter.userId) conds.push(eq(auditLogs.userId, filter.userId));
  if (filter.action) conds.push(eq(auditLogs.action, filter.action));
  if (from) conds.push(gte(auditLogs.createdAt, from));
  if (to) conds.push(lt(auditLogs.createdAt, to));
  const where = and(...conds);
  return withTenantTx(ctx, async (tx) => {
    const rows = await tx
      .select()
      .from(auditLogs)
      .where(where)
      .orderBy(desc(auditLogs.createdAt), desc(auditLogs.id))
      .limit(filter.limit)
      .offset((filter.page - 1) * filter.limit);
    const [total] = await tx.select({ n: count() }).from(auditLogs).where(where);
    return {
      data: rows.map(({ tenantId: _t, createdAt, ...row }) => ({ ...row, createdAt: createdAt.toISOString() })),
      meta: pageMeta(filter, total?.n ?? 0),
    };
  });
}
