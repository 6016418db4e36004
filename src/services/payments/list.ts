import { and, asc, count, desc, eq, gte, ilike, lt, lte, or, type SQL } from "drizzle-orm";
import { customers, payments } from "../../db/schema";
import { type Page, pageMeta } from "../../lib/pagination";
import { escapeLike } from "../../lib/sql";
import { nextDate, zonedStartOfDay } from "../../lib/time";
import { type ServiceContext, withTenantTx } from "../context";
import { InvalidInputError } from "../errors";
import { requirePermission } from "../permissions";
import { type PaymentView, paymentColumns, toPaymentView } from "./internal";
import type { ListPaymentsQuery } from "./schemas";

/**
 * Payments of the tenant, newest due date first (ties by id, so pages are stable). Due-date and
 * payment-date ranges are inclusive days; payment days are the tenant's local days.
 */
export async function listPayments(ctx: ServiceContext, filter: ListPaymentsQuery): Promise<Page<PaymentView>> {
  requirePermission(ctx, "payments:read");
  if (filter.dueFrom && filter.dueTo && filter.dueFrom > filter.dueTo) {
    throw new InvalidInputError("dueFrom must not be after dueTo", "dueFrom");
  }
  if (filter.paidFrom && filter.paidTo && filter.paidFrom > filter.paidTo) {
    throw new InvalidInputError("paidFrom must not be after paidTo", "paidFrom");
  }
  const tz = ctx.tenant.timezone;
  const conds: SQL[] = [eq(payments.tenantId, ctx.tenant.id)];
  if (filter.status) conds.push(eq(payments.status, filter.status));
  if (filter.customerId) conds.push(eq(payments.customerId, filter.customerId));
  if (filter.period) conds.push(eq(payments.period, filter.period));
  if (filter.dueFrom) conds.push(gte(payments.dueDate, filter.dueFrom));
  if (filter.dueTo) conds.push(lte(payments.dueDate, filter.dueTo));
  /** Payment dates are instants: a day is [its local midnight, the next one) in the tenant's zone. */
  if (filter.paidFrom) conds.push(gte(payments.paymentDate, zonedStartOfDay(filter.paidFrom, tz)));
  if (filter.paidTo) conds.push(lt(payments.paymentDate, zonedStartOfDay(nextDate(filter.paidTo), tz)));
  if (filter.search) {
    const pattern = `%${escapeLike(filter.search)}%`;
    const match = or(
      ilike(payments.invoiceNumber, pattern),
      ilike(customers.name, pattern),
      ilike(customers.customerCode, pattern),
    );
    if (match) conds.push(match);
  }
  const where = and(...conds);
  return withTenantTx(ctx, async (tx) => {
    const rows = await tx
      .select(paymentColumns)
      .from(payments)
      .innerJoin(customers, eq(customers.id, payments.customerId))
      .where(where)
      .orderBy(desc(payments.dueDate), asc(payments.id))
      .limit(filter.limit)
      .offset((filter.page - 1) * filter.limit);
    const [total] = await tx
      .select({ n: count() })
      .from(payments)
      .innerJoin(customers, eq(customers.id, payments.customerId))
      .where(where);
    return { data: rows.map(toPaymentView), meta: pageMeta(filter, total?.n ?? 0) };
  });
}
