import { and, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { customers, type Payment, payments } from "../../db/schema";
import { InvalidInputError, NotFoundError } from "../errors";

/** The columns of a payment as the API shows it, with its customer's code and name. */
export const paymentColumns = {
  payment: payments,
  customerCode: customers.customerCode,
  customerName: customers.name,
};

export interface PaymentRow {
  payment: Payment;
  customerCode: string;
  customerName: string;
}

/** A payment of this tenant, or NotFoundError (404 also for another tenant's id: existence does not leak). */
export async function getPaymentInTenant(db: DbOrTx, tenantId: string, id: string): Promise<PaymentRow> {
  const [row] = await db
    .select(paymentColumns)
    .from(payments)
    .innerJoin(customers, eq(customers.id, payments.customerId))
    .where(and(eq(payments.tenantId, tenantId), eq(payments.id, id)))
    .limit(1);
  if (!row) throw new NotFoundError("payment", id);
  return row;
}

/**
 * A live (not deleted) customer of this tenant, with what billing needs. `lock` takes a row lock
 * that serialises concurrent invoice numbering for the customer (see invoice-number.ts).
 */
export async function findBillableCustomer(db: DbOrTx, tenantId: string, id: string, lock = false) {
  const query = db
    .select({
      id: customers.id,
      customerCode: customers.customerCode,
      name: customers.name,
      billingDay: customers.billingDay,
    })
    .from(customers)
    .where(and(eq(customers.tenantId, tenantId), eq(customers.id, id), isNull(customers.deletedAt)))
    .limit(1);
  const [row] = lock ? await query.for("no key update") : await query;
  return row;
}

export function toPaymentView(row: PaymentRow) {
  const p = row.payment;
  return {
    id: p.id,
    invoiceNumber: p.invoiceNumber,
    customerId: p.customerId,
    customerCode: row.customerCode,
    customerName: row.customerName,
    period: p.period,
    amount: p.amount,
    dueDate: p.dueDate,
    paymentDate: p.paymentDate?.toISOString() ?? null,
    status: p.status,
    paymentMethod: p.paymentMethod,
    notes: p.notes,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}
export type PaymentView = ReturnType<typeof toPaymentView>;

/** A payment date a little ahead of our clock is a client's clock skew; more is a typo. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

/** Parses an optional payment date and refuses one in the future (400). */
export function parsePaymentDate(value: string | undefined, now: Date): Date | null {
  if (!value) return null;
  const date = new Date(value);
  if (date.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
    throw new InvalidInputError("paymentDate may not be in the future", "paymentDate");
  }
  return date;
}
