import { and, count, desc, eq, gte, ilike, isNull, lte, or, type SQL } from "drizzle-orm";
import { customers } from "../../db/schema";
import { type Page, type PageQuery, pageMeta } from "../../lib/pagination";
import { escapeLike } from "../../lib/sql";
import { type ServiceContext, withTenantTx } from "../context";
import { requirePermission } from "../permissions";
import type { CustomerStatus } from "./transitions";
import { type CustomerView, toCustomerView } from "./view";

export interface ListCustomersFilter extends PageQuery {
  search?: string;
  status?: CustomerStatus;
  servicePlanId?: string;
  routerId?: string;
  /** Installation date range, inclusive, YYYY-MM-DD. */
  installedFrom?: string;
  installedTo?: string;
}

/**
 * Search: a case-insensitive literal substring of name, code, phone, email or PPPoE username
 * (Property 11; the username is what a technician reads off the router). Phones
 * are stored as `+628…`, so a term typed the local way (`0812…`) also matches the phone's start.
 */
function searchCondition(term: string): SQL | undefined {
  const pattern = `%${escapeLike(term)}%`;
  const local = /^0\d+$/.test(term) ? [ilike(customers.phone, `+62${escapeLike(term.slice(1))}%`)] : [];
  return or(
    ilike(customers.name, pattern),
    ilike(customers.customerCode, pattern),
    ilike(customers.phone, pattern),
    ilike(customers.email, pattern),
    ilike(customers.pppoeUsername, pattern),
    ...local,
  );
}

/** Live (not soft-deleted) customers, newest first, id as the tie-break (stable pages, Property 10). */
export async function listCustomers(ctx: ServiceContext, filter: ListCustomersFilter): Promise<Page<CustomerView>> {
  requirePermission(ctx, "customers:read");
  const conds: (SQL | undefined)[] = [eq(customers.tenantId, ctx.tenant.id), isNull(customers.deletedAt)];
  if (filter.status) conds.push(eq(customers.status, filter.status));
  if (filter.servicePlanId) conds.push(eq(customers.servicePlanId, filter.servicePlanId));
  if (filter.routerId) conds.push(eq(customers.routerId, filter.routerId));
  if (filter.installedFrom) conds.push(gte(customers.installationDate, filter.installedFrom));
  if (filter.installedTo) conds.push(lte(customers.installationDate, filter.installedTo));
  if (filter.search) conds.push(searchCondition(filter.search));
  const where = and(...conds);
  return withTenantTx(ctx, async (tx) => {
    const rows = await tx
      .select()
      .from(customers)
      .where(where)
      .orderBy(desc(customers.createdAt), desc(customers.id))
      .limit(filter.limit)
      .offset((filter.page - 1) * filter.limit);
    const [total] = await tx.select({ n: count() }).from(customers).where(where);
    return { data: rows.map(toCustomerView), meta: pageMeta(filter, total?.n ?? 0) };
  });
}
