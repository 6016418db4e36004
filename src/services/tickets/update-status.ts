import { and, eq } from "drizzle-orm";
import { tickets } from "../../db/schema";
import { diff } from "../audit/record";
import { type ServiceContext, withTenantTx } from "../context";
import { ConflictError } from "../errors";
import { recordChange } from "../events/record";
import { requirePermission } from "../permissions";
import { getTicketInTenant, lockTicketInTenant, type TicketView, toTicketView } from "./internal";
import type { UpdateTicketStatusInput } from "./schemas";
import { canTransition } from "./transitions";

/**
 * Moves a ticket one step along open → in_progress → resolved → closed (anything else: 409,
 * Property 31). Resolving stamps `resolved_at` (Property 32), closing stamps `closed_at`.
 */
export async function updateTicketStatus(
  ctx: ServiceContext,
  id: string,
  input: UpdateTicketStatusInput,
  now: Date = new Date(),
): Promise<TicketView> {
  requirePermission(ctx, "tickets:write");
  const tenantId = ctx.tenant.id;
  return withTenantTx(ctx, async (tx, txCtx) => {
    const before = await lockTicketInTenant(tx, tenantId, id);
    const from = before.status;
    if (from !== input.status) {
      if (!canTransition(from, input.status)) {
        throw new ConflictError(`A ticket that is ${from} cannot become ${input.status}`);
      }
      const patch = {
        status: input.status,
        ...(input.status === "resolved" ? { resolvedAt: now } : {}),
        ...(input.status === "closed" ? { closedAt: now } : {}),
      };
      await tx
        .update(tickets)
        .set({ ...patch, updatedAt: now })
        .where(and(eq(tickets.tenantId, tenantId), eq(tickets.id, id)));
      await recordChange(tx, txCtx, {
        tenantId,
        action: "status_change",
        entityType: "ticket",
        entityId: id,
        changes: diff(before, patch),
      });
    }
    return toTicketView(await getTicketInTenant(tx, tenantId, id));
  });
}
