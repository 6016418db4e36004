import { and, eq } from "drizzle-orm";
import { payments } from "../../db/schema";
import { diff } from "../audit/record";
import { type ServiceContext, withTenantTx } from "../context";
import { ConflictError, InvalidInputError } from "../errors";
import { recordChange } from "../events/record";
import { requirePermission } from "../permissions";
import { getPaymentInTenant, type PaymentView, parsePaymentDate, toPaymentView } from "./internal";
import type { UpdatePaymentStatusInput } from "./schemas";
import { canTransition, isPastDue } from "./transitions";

/**
 * Moves a payment along its state machine (transitions.ts; anything else is 409). Becoming `paid`
 * records the payment date — the given one, else now — when none is set yet (Property 21). Becoming
 * `overdue` by hand needs the due date to have passed in the tenant's zone, as for the job (Property 20).
 */
export async function updatePaymentStatus(
  ctx: ServiceContext,
  id: string,
  input: UpdatePaymentStatusInput,
  now: Date = new Date(),
): Promise<PaymentView> {
  requirePermission(ctx, "payments:write");
  if (input.status !== "paid" && (input.paymentDate || input.paymentMethod)) {
    throw new InvalidInputError("paymentDate and paymentMethod go only with status paid", "status");
  }
  const paymentDate = parsePaymentDate(input.paymentDate, now);
  const tenantId = ctx.tenant.id;
  return withTenantTx(ctx, async (tx, txCtx) => {
    const before = await getPaymentInTenant(tx, tenantId, id);
    const from = before.payment.status;
    if (from === input.status) return toPaymentView(before);
    if (!canTransition(from, input.status)) {
      throw new ConflictError(`A ${from} payment cannot become ${input.status}`);
    }
    if (input.status === "overdue" && !isPastDue(before.payment.dueDate, now, ctx.tenant.timezone)) {
      throw new ConflictError(
        `The payment is due ${before.payment.dueDate}; it can become overdue only after that day (${ctx.tenant.timezone})`,
      );
    }
    const patch: Partial<typeof payments.$inferInsert> = { status: input.status, updatedAt: now };
    if (input.status === "paid") {
      patch.paymentDate = before.payment.paymentDate ?? paymentDate ?? now;
      if (input.paymentMethod) patch.paymentMethod = input.paymentMethod;
    }
    const [after] = await tx
      .update(payments)
      // The status in the WHERE makes a concurrent change (the overdue job) lose cleanly, not overwrite.
      .set(patch)
      .where(and(eq(payments.tenantId, tenantId), eq(payments.id, id), eq(payments.status, from)))
      .returning();
    if (!after) throw new ConflictError("The payment changed meanwhile; please retry");
    const { updatedAt: _u, ...changed } = patch;
    const view = toPaymentView({ ...before, payment: after });
    await recordChange(tx, txCtx, {
      tenantId,
      action: "status_change",
      entityType: "payment",
      entityId: id,
      changes: diff(before.payment, changed),
      event: view,
    });
    return view;
  });
}
