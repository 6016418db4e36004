import { and, count, eq, isNull, like } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { payments } from "../../db/schema";
import { escapeLike } from "../../lib/sql";

/**
 * Invoice numbers are derived, not counted: `INV-<YYYYMM>-<customer code>` for the invoice of a
 * billing period, `INV-<YYYYMM>-<customer code>-<n>` (n = 1, 2, …, YYYYMM of the due date) for an
 * ad-hoc payment without a period. Customer codes are unique per tenant and (customer, period)
 * is unique, so period numbers are unique without a counter table — which is what lets the monthly
 * billing run number 100 000 invoices inside one set-based `INSERT … SELECT` (the same expression in
 * SQL, see billing/monthly-billing.ts). The unique index on (tenant, invoice number) is the backstop.
 */
export function periodInvoiceNumber(period: string, customerCode: string): string {
  return `INV-${period.replace("-", "")}-${customerCode}`;
}

/**
 * The number of a period's invoice issued after `cancelled` earlier ones were cancelled: the plain
 * period number first, then `-R1`, `-R2`, … (R for re-issue; ad-hoc numbers end in digits only).
 */
export function reissuedInvoiceNumber(periodNumber: string, cancelled: number): string {
  return cancelled === 0 ? periodNumber : `${periodNumber}-R${cancelled}`;
}

/**
 * The next ad-hoc number of a customer in a month. The caller holds the customer's row lock
 * (findBillableCustomer(..., lock = true)), so two concurrent creations cannot pick the same n.
 */
export async function nextAdHocInvoiceNumber(
  tx: Tx,
  tenantId: string,
  customerId: string,
  customerCode: string,
  month: string,
): Promise<string> {
  const prefix = `${periodInvoiceNumber(month, customerCode)}-`;
  const [row] = await tx
    .select({ n: count() })
    .from(payments)
    .where(
      and(
        eq(payments.tenantId, tenantId),
        eq(payments.customerId, customerId),
        isNull(payments.period),
        like(payments.invoiceNumber, `${escapeLike(prefix)}%`),
      ),
    );
  return `${prefix}${(row?.n ?? 0) + 1}`;
}
