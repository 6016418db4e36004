import { and, asc, eq, gte, inArray, isNull, lt } from "drizzle-orm";
import { customers, payments, servicePlans, speedBoosts } from "../../db/schema";
import { localDate, periodRange } from "../../lib/time";
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

/** Boosts that were granted: a pending or rejected request is not a charge. */
const CHARGED_BOOSTS = ["approved", "active", "expired"] as const;

/**
 * The invoice of a customer's billing period: the period's payment (number, due date, status,
 * payment date) with its lines — the subscription (the payment's amount) and every speed boost that
 * started in that month in the tenant's time zone, at the price fixed when it was requested. The
 * total is the sum of the lines. No payment for the period: 404.
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
      .limit(1);
    if (!payment) throw new NotFoundError("invoice", `${customer.code}/${period}`);

    const { start, end } = periodRange(period, ctx.tenant.timezone);
    const boosts = await tx
      .select({ days: speedBoosts.durationDays, price: speedBoosts.price, planName: servicePlans.name })
      .from(speedBoosts)
      .innerJoin(servicePlans, eq(servicePlans.id, speedBoosts.boostPlanId))
      .where(
        and(
          eq(speedBoosts.tenantId, tenantId),
          eq(speedBoosts.customerId, customerId),
          inArray(speedBoosts.status, [...CHARGED_BOOSTS]),
          gte(speedBoosts.startDate, start),
          lt(speedBoosts.startDate, end),
        ),
      )
      .orderBy(asc(speedBoosts.startDate), asc(speedBoosts.id));

    const lines: InvoiceLine[] = [
      {
        kind: "subscription",
        description: labels.subscription(customer.planName, period),
        quantity: 1,
        unitPrice: payment.amount,
        amount: payment.amount,
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
