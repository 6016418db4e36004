import { and, count, desc, eq, ilike, or, type SQL } from "drizzle-orm";
import { tickets } from "../../db/schema";
import { type Page, pageMeta } from "../../lib/pagination";
import { escapeLike } from "../../lib/sql";
import { type ServiceContext, withTenantTx } from "../context";
import { requirePermission } from "../permissions";
import { selectTickets, type TicketView, toTicketView } from "./internal";
import type { ListTicketsQuery } from "./schemas";

/** Tickets of the tenant, newest first (ties by id, so pages are stable). */
export async function listTickets(ctx: ServiceContext, filter: ListTicketsQuery): Promise<Page<TicketView>> {
  requirePermission(ctx, "tickets:read");
  const conds: SQL[] = [eq(tickets.tenantId, ctx.tenant.id)];
  if (filter.status) conds.push(eq(tickets.status, filter.status));
  if (filter.priority) conds.push(eq(tickets.priority, filter.priority));
  if (filter.customerId) conds.push(eq(tickets.customerId, filter.customerId));
  if (filter.assignedTo) conds.push(eq(tickets.assignedTo, filter.assignedTo));
  if (filter.search) {
    const pattern = `%${escapeLike(filter.search)}%`;
    const match = or(ilike(tickets.title, pattern), ilike(tickets.ticketNumber, pattern));
    if (match) conds.push(match);
  }
  const where = and(...conds);
  return withTenantTx(ctx, async (tx) => {
    const rows = await selectTickets(tx)
      .where(where)
      .orderBy(desc(tickets.createdAt), desc(tickets.id))
      .limit(filter.limit)
      .offset((filter.page - 1) * filter.limit);
    const [total] = await tx.select({ n: count() }).from(tickets).where(where);
    return { data: rows.map(toTicketView), meta: pageMeta(filter, total?.n ?? 0) };
  });
}
