import { and, eq } from "drizzle-orm";
import { expect, describe as group, it } from "vitest";
import { auditLogs, domainEvents, payments as paymentsTable } from "../../../src/db/schema";
import { runMonthlyBilling } from "../../../src/services/billing/monthly-billing";
import { api, describe } from "../../support/api";
import { testDb } from "../../support/db";
import { billingTenant, headersFor, MISSING, type PaymentView } from "./fixtures";

group("POST /api/v1/payments", () => {
  it("201: with a payment date the payment is paid; the due date comes from the billing day", async () => {
    const { customer, headers } = await billingTenant();
    const res = await api<PaymentView>("/api/v1/payments", {
      headers,
      body: {
        customerId: customer.id,
        amount: 150000,
        period: "2026-03",
        paymentDate: "2026-03-05T02:00:00.000Z",
        paymentMethod: "cash",
      },
    });
    expect(res.status, describe(res)).toBe(201);
    expect(res.body).toMatchObject({
      status: "paid",
      period: "2026-03",
      dueDate: "2026-03-10",
      paymentDate: "2026-03-05T02:00:00.000Z",
      invoiceNumber: `INV-202603-${customer.customerCode}`,
      amount: 150000,
    });
    const { db, close } = testDb("system");
    try {
      const audit = await db.select().from(auditLogs).where(eq(auditLogs.entityId, res.body.id));
      expect(audit).toMatchObject([{ action: "create", entityType: "payment", actorType: "user" }]);
      const events = await db
        .select()
        .from(domainEvents)
        .where(and(eq(domainEvents.entityType, "payment"), eq(domainEvents.entityId, res.body.id)));
      expect(events).toHaveLength(1);
    } finally {
      await close();
    }
  });

  it("201: without a payment date it is pending; ad-hoc payments get numbered invoices", async () => {
    const { customer, headers } = await billingTenant();
    const body = { customerId: customer.id, amount: 50000, dueDate: "2026-04-20", notes: "Biaya pasang" };
    const first = await api<PaymentView>("/api/v1/payments", { headers, body });
    const second = await api<PaymentView>("/api/v1/payments", { headers, body });
    expect(first.status, describe(first)).toBe(201);
    expect(second.status, describe(second)).toBe(201);
    expect(first.body).toMatchObject({ status: "pending", period: null, dueDate: "2026-04-20", paymentDate: null });
    expect(first.body.invoiceNumber).toBe(`INV-202604-${customer.customerCode}-1`);
    expect(second.body.invoiceNumber).toBe(`INV-202604-${customer.customerCode}-2`);
  });

  it("400: invalid fields, unknown fields, a future payment date, an unknown customer", async () => {
    const { customer, headers } = await billingTenant();
    const bad = [
      { customerId: customer.id, amount: 0 },
      { customerId: customer.id, amount: 1.5 },
      { customerId: customer.id, amount: 1000, period: "2026-13" },
      { customerId: customer.id, amount: 1000, dueDate: "2026-02-30" },
      { customerId: customer.id, amount: 1000, status: "paid" },
      { customerId: customer.id, amount: 1000, paymentDate: new Date(Date.now() + 86_400_000).toISOString() },
      { amount: 1000 },
      { customerId: MISSING, amount: 1000 },
    ];
    for (const body of bad) {
      const res = await api("/api/v1/payments", { headers, body });
      expect(res.status, `${JSON.stringify(body)} → ${describe(res)}`).toBe(400);
    }
  });

  it("401: without a token", async () => {
    const res = await api("/api/v1/payments", { body: { customerId: MISSING, amount: 1000 } });
    expect(res.status, describe(res)).toBe(401);
  });

  it("403: technician and viewer may not record payments", async () => {
    const { tenant, customer } = await billingTenant();
    for (const role of ["technician", "viewer"] as const) {
      const res = await api("/api/v1/payments", {
        headers: await headersFor(tenant, role),
        body: { customerId: customer.id, amount: 1000 },
      });
      expect(res.status, `${role}: ${describe(res)}`).toBe(403);
    }
  });

  it("400: another tenant's customer is unknown here", async () => {
    const mine = await billingTenant();
    const theirs = await billingTenant();
    const res = await api("/api/v1/payments", {
      headers: mine.headers,
      body: { customerId: theirs.customer.id, amount: 1000 },
    });
    expect(res.status, describe(res)).toBe(400);
  });

  it("409: a second payment for the same customer and period", async () => {
    const { customer, headers } = await billingTenant("operator");
    const body = { customerId: customer.id, amount: 150000, period: "2026-05" };
    const first = await api("/api/v1/payments", { headers, body });
    expect(first.status, describe(first)).toBe(201);
    const again = await api<{ code: string }>("/api/v1/payments", { headers, body });
    expect(again.status, describe(again)).toBe(409);
    expect(again.body.code).toBe("DUPLICATE_ENTRY");
  });

  it("201: a period whose invoice was cancelled is billed again as -R1; the invoice shows it; the billing run leaves it alone", async () => {
    const { tenant, customer, headers } = await billingTenant();
    const body = { customerId: customer.id, amount: 150000, period: "2026-05" };
    const first = await api<PaymentView>("/api/v1/payments", { headers, body });
    expect(first.status, describe(first)).toBe(201);
    const cancel = await api(`/api/v1/payments/${first.body.id}/status`, {
      method: "PATCH",
      headers,
      body: { status: "cancelled" },
    });
    expect(cancel.status, describe(cancel)).toBe(200);
    const again = await api<PaymentView>("/api/v1/payments", { headers, body: { ...body, amount: 120000 } });
    expect(again.status, describe(again)).toBe(201);
    expect(again.body.invoiceNumber).toBe(`${first.body.invoiceNumber}-R1`);
    const third = await api<{ code: string }>("/api/v1/payments", { headers, body });
    expect(third.status, describe(third)).toBe(409);

    const invoice = await api<{ invoiceNumber: string; total: number; status: string }>(
      `/api/v1/customers/${customer.id}/invoices/2026-05`,
      { headers },
    );
    expect(invoice.body).toMatchObject({ invoiceNumber: again.body.invoiceNumber, total: 120000, status: "pending" });

    // A waived month stays waived: the billing run bills no period that has any payment.
    const { db, close } = testDb("system");
    try {
      await db.update(paymentsTable).set({ status: "cancelled" }).where(eq(paymentsTable.id, again.body.id));
      // Only the cancelled re-issue is left, so the run's own number would be free: nothing but the rule stops it.
      await db.delete(paymentsTable).where(eq(paymentsTable.id, first.body.id));
      const run = await runMonthlyBilling(db, new Date("2026-05-20T03:00:00Z"), { tenantId: tenant.id });
      expect(run.created).toBe(0);
    } finally {
      await close();
    }
  });
});
