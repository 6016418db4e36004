import { and, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { customers, type Ticket, tickets, users } from "../../db/schema";
import { NotFoundError } from "../errors";

/** A ticket with its customer's code and name and its assignee's name, as lists and reads show it. */
export const ticketColumns = {
  ticket: tickets,
  customerCode: customers.customerCode,
  customerName: customers.name,
  assigneeName: users.name,
};

export interface TicketRow {
  ticket: Ticket;
  customerCode: string;
  customerName: string;
  assigneeName: string | null;
}

/** Tickets joined to their customer (always there: RESTRICT) and assignee (may be none). */
export function selectTickets(db: DbOrTx) {
  return db
    .select(ticketColumns)
    .from(tickets)
    .innerJoin(customers, eq(customers.id, tickets.customerId))
    .leftJoin(users, eq(users.id, tickets.assignedTo));
}

/** Fetch-or-throw the joined ticket: 404 for an unknown id and for another tenant's id alike. */
export async function getTicketInTenant(db: DbOrTx, tenantId: string, id: string): Promise<TicketRow> {
  const [row] = await selectTickets(db)
    .where(and(eq(tickets.tenantId, tenantId), eq(tickets.id, id)))
    .limit(1);
  if (!row) throw new NotFoundError("ticket", id);
  return row;
}

/** The bare ticket row, locked for a change (404 as above). */
export async function lockTicketInTenant(db: DbOrTx, tenantId: string, id: string): Promise<Ticket> {
  const [row] = await db
    .select()
    .from(tickets)
    .where(and(eq(tickets.tenantId, tenantId), eq(tickets.id, id)))
    .limit(1)
    .for("update");
  if (!row) throw new NotFoundError("ticket", id);
  return row;
}

/** A live (not deleted) customer of this tenant, or undefined. */
export async function findLiveCustomer(db: DbOrTx, tenantId: string, id: string) {
  const [row] = await db
    .select({ id: customers.id, customerCode: customers.customerCode, name: customers.name })
    .from(customers)
    .where(and(eq(customers.tenantId, tenantId), eq(customers.id, id), isNull(customers.deletedAt)))
    .limit(1)
    .for("key share");
  return row;
}

export function toTicketView(row: TicketRow) {
  const t = row.ticket;
  return {
    id: t.id,
    ticketNumber: t.ticketNumber,
    customerId: t.customerId,
    customerCode: row.customerCode,
    customerName: row.customerName,
    title: t.title,
    description: t.description,
    status: t.status,
    priority: t.priority,
    assignedTo: t.assignedTo,
    assigneeName: row.assigneeName,
    resolvedAt: t.resolvedAt?.toISOString() ?? null,
    closedAt: t.closedAt?.toISOString() ?? null,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  };
}
export type TicketView = ReturnType<typeof toTicketView>;
