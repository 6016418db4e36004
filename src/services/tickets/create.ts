import { tickets } from "../../db/schema";
import { type ServiceContext, withTenantTx } from "../context";
import { InvalidInputError } from "../errors";
import { recordChange } from "../events/record";
import { requirePermission } from "../permissions";
import { findLiveCustomer, type TicketView, toTicketView } from "./internal";
import type { CreateTicketInput } from "./schemas";
import { allocateTicketNumber, ticketPeriod } from "./ticket-number";

/**
 * Opens a ticket for a live customer of the tenant (else 400, as for any reference in a body): status
 * `open`, unassigned, numbered in the tenant's current month (Property 30).
 */
export async function createTicket(
  ctx: ServiceContext,
  input: CreateTicketInput,
  now: Date = new Date(),
): Promise<TicketView> {
  requirePermission(ctx, "tickets:write");
  const tenantId = ctx.tenant.id;
  return withTenantTx(ctx, async (tx, txCtx) => {
    const customer = await findLiveCustomer(tx, tenantId, input.customerId);
    if (!customer) throw new InvalidInputError(`Customer ${input.customerId} does not exist`, "customerId");
    const ticketNumber = await allocateTicketNumber(tx, tenantId, ticketPeriod(now, ctx.tenant.timezone));
    const [row] = await tx
      .insert(tickets)
      .values({
        tenantId,
        customerId: customer.id,
        ticketNumber,
        title: input.title,
        description: input.description,
        priority: input.priority,
        status: "open",
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!row) throw new Error("insert returned no ticket");
    const view = toTicketView({
      ticket: row,
      customerCode: customer.customerCode,
      customerName: customer.name,
      assigneeName: null,
    });
    await recordChange(tx, txCtx, {
      tenantId,
      action: "create",
      entityType: "ticket",
      entityId: row.id,
      changes: view,
    });
    return view;
  });
}
