import { and, eq } from "drizzle-orm";
import { type Ticket, tickets } from "../../db/schema";
import { diff } from "../audit/record";
import { type ServiceContext, withTenantTx } from "../context";
import { ConflictError } from "../errors";
import { recordChange } from "../events/record";
import { requirePermission } from "../permissions";
import { getTicketInTenant, lockTicketInTenant, type TicketView, toTicketView } from "./internal";
import type { UpdateTicketInput } from "./schemas";

/** A closed ticket is the record of what happened: read-only (409) for edits, assignment and comments. */
export function assertNotClosed(ticket: Ticket): void {
  if (ticket.status === "closed") throw new ConflictError(`Ticket ${ticket.ticketNumber} is closed`);
}

/** Changes title, description or priority; the status has its own endpoint (the state machine). */
export async function updateTicket(ctx: ServiceContext, id: string, input: UpdateTicketInput): Promise<TicketView> {
  requirePermission(ctx, "tickets:write");
  const tenantId = ctx.tenant.id;
  return withTenantTx(ctx, async (tx, txCtx) => {
    const before = await lockTicketInTenant(tx, tenantId, id);
    const changes = diff(before, input);
    if (Object.keys(changes).length === 0) return toTicketView(await getTicketInTenant(tx, tenantId, id));
    assertNotClosed(before);
    await tx
      .update(tickets)
      .set({ ...input, updatedAt: new Date() })
      .where(and(eq(tickets.tenantId, tenantId), eq(tickets.id, id)));
    await recordChange(tx, txCtx, { tenantId, action: "update", entityType: "ticket", entityId: id, changes });
    return toTicketView(await getTicketInTenant(tx, tenantId, id));
  });
}
