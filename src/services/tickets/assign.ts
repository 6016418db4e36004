import { and, eq } from "drizzle-orm";
import { tickets, users } from "../../db/schema";
import { type ServiceContext, withTenantTx } from "../context";
import { InvalidInputError } from "../errors";
import { recordChange } from "../events/record";
import { requirePermission, roleCan } from "../permissions";
import { getTicketInTenant, lockTicketInTenant, type TicketView, toTicketView } from "./internal";
import type { AssignTicketInput } from "./schemas";
import { assertNotClosed } from "./update";

/**
 * Assigns a ticket to a staff user, or unassigns it (`userId: null`). The assignee must be an active
 * user of this tenant whose role may work tickets (admin, operator, technician; not a viewer); any
 * other id is bad input (400), like every reference in a body. The same assignee again is a no-op.
 */
export async function assignTicket(ctx: ServiceContext, id: string, input: AssignTicketInput): Promise<TicketView> {
  requirePermission(ctx, "tickets:write");
  const tenantId = ctx.tenant.id;
  return withTenantTx(ctx, async (tx, txCtx) => {
    const before = await lockTicketInTenant(tx, tenantId, id);
    if (before.assignedTo !== input.userId) {
      assertNotClosed(before);
      if (input.userId !== null) {
        const [user] = await tx
          .select({ role: users.role, isActive: users.isActive })
          .from(users)
          .where(and(eq(users.tenantId, tenantId), eq(users.id, input.userId)))
          .limit(1)
          .for("key share");
        if (!user?.isActive) throw new InvalidInputError(`User ${input.userId} does not exist`, "userId");
        if (!roleCan(user.role, "tickets:write")) {
          throw new InvalidInputError(`A ${user.role} cannot be assigned tickets`, "userId");
        }
      }
      await tx
        .update(tickets)
        .set({ assignedTo: input.userId, updatedAt: new Date() })
        .where(and(eq(tickets.tenantId, tenantId), eq(tickets.id, id)));
      await recordChange(tx, txCtx, {
        tenantId,
        action: "assign",
        entityType: "ticket",
        entityId: id,
        changes: { assignedTo: { old: before.assignedTo, new: input.userId } },
      });
    }
    return toTicketView(await getTicketInTenant(tx, tenantId, id));
  });
}
