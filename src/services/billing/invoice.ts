import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import { customers, payments, servicePlans, speedBoosts } from "../../db/schema";
import { localDate } from "../../lib/time";
import { type ServiceContext, withTenantTx } from "../context";
import { NotFoundError } from "../errors";
import { requirePermission } from "../permissions";
import { INVOICE_LABELS, type Locale } from "./invoice-labels";

export interface InvoiceLine {
  kind: "subscription" | "speed_boost";
  description: string;
  quantity: number;
  unitPrice: number;
  amount: number;
}

/**
 * The invoice of a customer's billing period: the period's payment (number, due date, status,
 * payment date) with its lines — the speed boosts the payment charges (linked by the billing run:
 * those granted before the period, at the price fixed when they were requested) and the
 * subscription, the rest of the payment's amount. The total is the payment's amount, which is what
 * is collected. No payment for the period: 404.
 * A cancelled payment has released its boosts to a later invoice (payments/update-status.ts), so
 * its invoice lists none and the one line carries the whole amount as issued: the lines still add
 * up to the total, and the status says it collects nothing. (Listing the released boosts would need
 * a record of them beside the audit row; a void invoice does not warrant it.)
 */
export async function getInvoice(ctx: ServiceContext, customerId: string, period: string) {
  requirePermission(ctx, "payments:read");
  const tenantId = ctx.tenant.id;
  const locale: Locale = ctx.tenant.locale === "en" ? "en" : "id";
  const labels = INVOICE_LABELS[locale];
  return withTenantTx(ctx, async (tx) => {
    const [customer] = await tx
      .select({
        id: customers.id,
        code: customers.customerCode,
        name: customers.name,
        address: customers.address,
        phone: customers.phone,
        email: customers.email,
        planName: servicePlans.name,
      })
      .from(customers)
      .innerJoin(servicePlans, eq(servicePlans.id, customers.servicePlanId))
      .where(and(eq(customers.tenantId, tenantId), eq(customers.id, customerId), isNull(customers.deletedAt)))
      .limit(1);
    if (!customer) throw new NotFoundError("customer", customerId);
    const [payment] = await tx
      .select()
      .from(payments)
      .where(and(eq(payments.tenantId, tenantId), eq(payments.customerId, customerId), eq(payments.period, period)))
      // The live invoice of the period; if all were cancelled, the newest.
      .orderBy(sql`${payments.status} = 'cancelled'`, desc(payments.createdAt), desc(payments.id))
      .limit(1);
    if (!payment) throw new NotFoundError("invoice", `${customer.code}/${period}`);

    const boosts = await tx
      .select({ days: speedBoosts.durationDays, price: speedBoosts.price, planName: servicePlans.name })
      .from(speedBoosts)
      .innerJoin(servicePlans, eq(servicePlans.id, speedBoosts.boostPlanId))
      .where(and(eq(speedBoosts.tenantId, tenantId), eq(speedBoosts.billedPaymentId, payment.id)))
      .orderBy(asc(speedBoosts.startDate), asc(speedBoosts.id));
    const subscription = payment.amount - boosts.reduce((sum, b) => sum + b.price, 0);

    const lines: InvoiceLine[] = [
      {
        kind: "subscription",
        description: labels.subscription(customer.planName, period),
        quantity: 1,
        unitPrice: subscription,
        amount: subscription,
      },
      ...boosts.map((b) => ({
        kind: "speed_boost" as const,
        description: labels.speedBoost(b.planName, b.days),
        quantity: 1,
        unitPrice: b.price,
        amount: b.price,
      })),
    ];
    const subtotal = lines.reduce((sum, l) => sum + l.amount, 0);
    const { planName: _plan, ...billTo } = customer;
    return {
      invoiceNumber: payment.invoiceNumber,
      paymentId: payment.id,
      period,
      locale,
      currency: "IDR" as const,
      status: payment.status,
      issueDate: localDate(payment.createdAt, ctx.tenant.timezone),
      dueDate: payment.dueDate,
      paymentDate: payment.paymentDate?.toISOString() ?? null,
      /** The calendar day of the payment in the tenant's zone: the UTC date is a day early before 07:00 WIB. */
      paidOn: payment.paymentDate ? localDate(payment.paymentDate, ctx.tenant.timezone) : null,
      paymentMethod: payment.paymentMethod,
      seller: { name: ctx.tenant.name },
      customer: billTo,
      lines,
      subtotal,
      total: subtotal,
    };
  });
}
export type Invoice = Awaited<ReturnType<typeof getInvoice>>;
