import { and, eq } from "drizzle-orm";
import { payments } from "../../db/schema";
import { dueDateFor, localPeriod } from "../../lib/time";
import { type ServiceContext, withTenantTx } from "../context";
import { ConflictError, DuplicateError, InvalidInputError } from "../errors";
import { recordChange } from "../events/record";
import { requirePermission } from "../permissions";
import { isUniqueViolation } from "../tenants/create";
import { findBillableCustomer, type PaymentView, parsePaymentDate, toPaymentView } from "./internal";
import { nextAdHocInvoiceNumber, periodInvoiceNumber, reissuedInvoiceNumber } from "./invoice-number";
import type { CreatePaymentInput } from "./schemas";

/**
 * Records a payment (an invoice and, when `paymentDate` is given, its settlement).
 * - With `paymentDate` the status is `paid`, else `pending` (Property 18). Turning overdue is the
 *   overdue job's business, even for a due date already past.
 * - Without `dueDate`, the due date is the customer's billing day in the period's month, or in the
 *   current month of the tenant's time zone when there is no period (Property 19).
 * - One live payment per customer and period (409). A period whose invoice was cancelled can be
 *   billed again (a corrected amount): the new invoice is numbered `…-R1`, `…-R2`, ….
 */
export async function createPayment(
  ctx: ServiceContext,
  input: CreatePaymentInput,
  now: Date = new Date(),
): Promise<PaymentView> {
  requirePermission(ctx, "payments:write");
  const paymentDate = parsePaymentDate(input.paymentDate, now);
  const tenantId = ctx.tenant.id;
  try {
    return await withTenantTx(ctx, async (tx, txCtx) => {
      const customer = await findBillableCustomer(tx, tenantId, input.customerId, true);
      if (!customer) throw new InvalidInputError(`Customer ${input.customerId} does not exist`, "customerId");
      const period = input.period ?? null;
      const dueDate = input.dueDate ?? dueDateFor(period ?? localPeriod(now, ctx.tenant.timezone), customer.billingDay);
      let earlier = 0;
      if (period) {
        const rows = await tx
          .select({ status: payments.status })
          .from(payments)
          .where(
            and(eq(payments.tenantId, tenantId), eq(payments.customerId, customer.id), eq(payments.period, period)),
          );
        if (rows.some((r) => r.status !== "cancelled")) throw new DuplicateError("payment", "period", period);
        earlier = rows.length;
      }
      const invoiceNumber = period
        ? reissuedInvoiceNumber(periodInvoiceNumber(period, customer.customerCode), earlier)
        : await nextAdHocInvoiceNumber(tx, tenantId, customer.id, customer.customerCode, dueDate.slice(0, 7));
      const [row] = await tx
        .insert(payments)
        .values({
          tenantId,
          customerId: customer.id,
          invoiceNumber,
          period,
          amount: input.amount,
          dueDate,
          paymentDate,
          status: paymentDate ? "paid" : "pending",
          paymentMethod: input.paymentMethod ?? null,
          notes: input.notes || null,
        })
        .returning();
      if (!row) throw new Error("insert returned no payment");
      const view = toPaymentView({ payment: row, customerCode: customer.customerCode, customerName: customer.name });
      await recordChange(tx, txCtx, {
        tenantId,
        action: "create",
        entityType: "payment",
        entityId: row.id,
        changes: view,
      });
      return view;
    });
  } catch (err) {
    // The customer lock serialises creations per customer; this covers what it cannot (a billing run).
    if (isUniqueViolation(err)) {
      throw input.period
        ? new DuplicateError("payment", "period", input.period)
        : new ConflictError("Another payment took this invoice number; please retry");
    }
    throw err;
  }
}
