import { and, eq } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { payments, speedBoosts } from "../../db/schema";
import { diff } from "../audit/record";
import { liftNonpaymentSuspension } from "../billing/isolir";
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
 * Becoming `cancelled` releases the speed boosts the payment charged (`releaseBoosts`), in the same
 * transaction, and the audit row lists them (`billedBoosts`: the ids, old → none). Settling (paid or
 * cancelled) an overdue invoice that suspended its customer lifts that suspension (billing/isolir.ts).
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
    const released = input.status === "cancelled" ? await releaseBoosts(tx, tenantId, id, now) : [];
    const view = toPaymentView({ ...before, payment: after });
    await recordChange(tx, txCtx, {
      tenantId,
      action: "status_change",
      entityType: "payment",
      entityId: id,
      changes: {
        ...diff(before.payment, changed),
        ...(released.length > 0 && { billedBoosts: { old: released, new: [] } }),
      },
      event: view,
    });
    // The debt that suspended the customer (isolir) is settled: lift it unless another one remains.
    if (from === "overdue" && after.suspensionAppliedAt)
      await liftNonpaymentSuspension(tx, txCtx, after.customerId, after.id, now);
    return view;
  });
}

/**
 * Unlinks the boosts a cancelled payment charged (monthly-billing.ts links them), so the next
 * billing run charges them on a later invoice; a re-issue by hand (`-R1`) charges none, like any
 * manual payment. `cancelled` is final (transitions.ts), so they never need linking back. The
 * cancelled payment keeps its amount as issued (it collects nothing); its invoice then shows the
 * whole amount on one line (invoice.ts). Returns the released boosts' ids.
 */
async function releaseBoosts(tx: Tx, tenantId: string, paymentId: string, now: Date): Promise<string[]> {
  const rows = await tx
    .update(speedBoosts)
    .set({ billedPaymentId: null, updatedAt: now })
    .where(and(eq(speedBoosts.tenantId, tenantId), eq(speedBoosts.billedPaymentId, paymentId)))
    .returning({ id: speedBoosts.id });
  /** Sorted: the audit row reads the same whatever order Postgres updated them in. */
  return rows.map((r) => r.id).sort();
}
