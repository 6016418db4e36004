import { and, eq } from "drizzle-orm";
import { expect, describe as group, it } from "vitest";
import { customers, payments, speedBoosts, tenants } from "../../../src/db/schema";
import { runMonthlyBilling } from "../../../src/services/billing/monthly-billing";
import { api, describe } from "../../support/api";
import { seedPlan } from "../../support/billing-seed";
import { testDb } from "../../support/db";
import { billingTenant, createPaymentVia, headersFor, MISSING } from "../payments/fixtures";

interface Invoice {
  invoiceNumber: string;
  status: string;
  dueDate: string;
  lines: { kind: string; amount: number; description: string }[];
  total: number;
}

const BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

/**
 * A customer billed for March 2026 (Asia/Jakarta) by the billing run, which charges the boosts
 * granted before March: one in February is on it; one that started in March, and a pending one, are not.
 */
async function invoicedCustomer() {
  const ctx = await billingTenant();
  const { db, close } = testDb("system");
  try {
    const boostPlan = await seedPlan(db, ctx.tenant.id, { name: "Turbo 50", downloadMbps: 50, price: 300_000 });
    const boost = (startDate: Date, status: "active" | "expired" | "pending", price: number) => ({
      tenantId: ctx.tenant.id,
      customerId: ctx.customer.id,
      currentPlanId: ctx.plan.id,
      boostPlanId: boostPlan.id,
      durationDays: 7,
      price,
      status,
      startDate,
      endDate: new Date(startDate.getTime() + 7 * 86_400_000),
    });
    await db.insert(speedBoosts).values([
      // 2026-02-28 23:30 in Jakarta: still February there.
      boost(new Date("2026-02-28T16:30:00Z"), "expired", 25_000),
      boost(new Date("2026-02-10T00:00:00Z"), "pending", 99_000),
      // 2026-03-01 00:30 in Jakarta: March, so April's invoice.
      boost(new Date("2026-02-28T17:30:00Z"), "active", 77_000),
    ]);
    await runMonthlyBilling(db, new Date("2026-03-05T03:00:00Z"), { tenantId: ctx.tenant.id });
    const [payment] = await db
      .select()
      .from(payments)
      .where(and(eq(payments.tenantId, ctx.tenant.id), eq(payments.period, "2026-03")));
    if (!payment) throw new Error("the billing run made no March invoice");
    return { ...ctx, payment };
  } finally {
    await close();
  }
}

group("GET /api/v1/customers/{id}/invoices/{period}", () => {
  it("200: JSON with the subscription line and the boosts granted in the period", async () => {
    const { customer, headers, payment } = await invoicedCustomer();
    const res = await api<Invoice>(`/api/v1/customers/${customer.id}/invoices/2026-03`, { headers });
    expect(res.status, describe(res)).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    expect(res.body).toMatchObject({ invoiceNumber: payment.invoiceNumber, status: "pending", dueDate: "2026-03-10" });
    expect(res.body.lines.map((l) => [l.kind, l.amount])).toEqual([
      ["subscription", 150000],
      ["speed_boost", 25000],
    ]);
    expect(res.body.lines[0]?.description).toContain("Maret 2026");
    expect(res.body.total).toBe(175000);
    expect(payment.amount).toBe(175000);
  });

  it("200: a boost is charged once, on the invoice after the month it started", async () => {
    const { tenant, customer, headers } = await invoicedCustomer();
    const { db, close } = testDb("system");
    try {
      for (const at of ["2026-04-05T03:00:00Z", "2026-04-20T03:00:00Z", "2026-05-05T03:00:00Z"]) {
        await runMonthlyBilling(db, new Date(at), { tenantId: tenant.id });
      }
    } finally {
      await close();
    }
    const totals: [string, number, string[]][] = [];
    for (const period of ["2026-03", "2026-04", "2026-05"]) {
      const res = await api<Invoice>(`/api/v1/customers/${customer.id}/invoices/${period}`, { headers });
      expect(res.status, describe(res)).toBe(200);
      totals.push([period, res.body.total, res.body.lines.map((l) => `${l.kind}:${l.amount}`)]);
    }
    expect(totals).toEqual([
      ["2026-03", 175000, ["subscription:150000", "speed_boost:25000"]],
      ["2026-04", 227000, ["subscription:150000", "speed_boost:77000"]],
      ["2026-05", 150000, ["subscription:150000"]],
    ]);
  });

  it("200: printable HTML for a browser, every value escaped, in the tenant's language", async () => {
    const { tenant, customer, headers } = await invoicedCustomer();
    const { db, close } = testDb("system");
    try {
      await db
        .update(customers)
        .set({ name: "<script>alert(1)</script>", address: `Jl. "Kenanga" & Co's <b>` })
        .where(eq(customers.id, customer.id));
      await db.update(tenants).set({ locale: "en" }).where(eq(tenants.id, tenant.id));
    } finally {
      await close();
    }
    const res = await api(`/api/v1/customers/${customer.id}/invoices/2026-03`, {
      headers: { ...headers, accept: BROWSER_ACCEPT },
    });
    expect(res.status, describe(res)).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("vary")).toMatch(/accept/i);
    expect(res.text).not.toContain("<script>");
    expect(res.text).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(res.text).toContain("Jl. &quot;Kenanga&quot; &amp; Co&#39;s &lt;b&gt;");
    expect(res.text).toContain("Due date");
    expect(res.text).toContain("Rp 175,000");

    const json = await api(`/api/v1/customers/${customer.id}/invoices/2026-03`, {
      headers: { ...headers, accept: "*/*" },
    });
    expect(json.headers.get("content-type")).toMatch(/application\/json/);
  });

  it("200: the paid-on date is the tenant's local day (01:30 WIB on the 15th is the 14th in UTC)", async () => {
    const ctx = await billingTenant();
    await createPaymentVia(ctx.headers, {
      customerId: ctx.customer.id,
      amount: 150000,
      period: "2026-03",
      paymentDate: "2026-03-14T18:30:00.000Z",
    });
    const path = `/api/v1/customers/${ctx.customer.id}/invoices/2026-03`;
    const json = await api<Invoice & { paymentDate: string; paidOn: string }>(path, { headers: ctx.headers });
    expect(json.status, describe(json)).toBe(200);
    expect(json.body).toMatchObject({ status: "paid", paymentDate: "2026-03-14T18:30:00.000Z", paidOn: "2026-03-15" });
    const html = await api(path, { headers: { ...ctx.headers, accept: BROWSER_ACCEPT } });
    expect(html.status, describe(html)).toBe(200);
    expect(html.text).toContain("15 Maret 2026");
    expect(html.text).not.toContain("14 Maret 2026");
  });

  it("404: no invoice for the period, an unknown customer, another tenant's customer", async () => {
    const mine = await invoicedCustomer();
    const theirs = await invoicedCustomer();
    for (const path of [
      `${mine.customer.id}/invoices/2026-04`,
      `${MISSING}/invoices/2026-03`,
      `${theirs.customer.id}/invoices/2026-03`,
    ]) {
      const res = await api(`/api/v1/customers/${path}`, { headers: mine.headers });
      expect(res.status, `${path}: ${describe(res)}`).toBe(404);
    }
  });

  it("400: a malformed period or customer id", async () => {
    const { customer, headers } = await billingTenant();
    for (const path of [`${customer.id}/invoices/2026-13`, `${customer.id}/invoices/202603`, "nope/invoices/2026-03"]) {
      const res = await api(`/api/v1/customers/${path}`, { headers });
      expect(res.status, `${path}: ${describe(res)}`).toBe(400);
    }
  });

  it("is documented at its own path, next to the customers routes", async () => {
    const doc = await api<{ paths: Record<string, Record<string, { "x-permission"?: string }>> }>(
      "/api/v1/openapi.json",
    );
    expect(doc.status, describe(doc)).toBe(200);
    expect(doc.body.paths["/api/v1/customers/{id}/invoices/{period}"]?.get?.["x-permission"]).toBe("payments:read");
    for (const entity of ["customers", "payments", "tickets", "infrastructure-items", "audit-logs"]) {
      expect(doc.body.paths[`/api/v1/exports/${entity}.csv`]?.get, entity).toBeDefined();
    }
    expect(doc.body.paths["/api/v1/payments/{id}/status"]?.patch?.["x-permission"]).toBe("payments:write");
    expect(doc.body.paths["/api/v1/dashboard/stats"]?.get?.["x-permission"]).toBe("dashboard:read");
  });

  it("401: without a token", async () => {
    const res = await api(`/api/v1/customers/${MISSING}/invoices/2026-03`);
    expect(res.status, describe(res)).toBe(401);
  });

  it("403: a technician may not read invoices", async () => {
    const { tenant, customer } = await invoicedCustomer();
    const res = await api(`/api/v1/customers/${customer.id}/invoices/2026-03`, {
      headers: await headersFor(tenant, "technician"),
    });
    expect(res.status, describe(res)).toBe(403);
  });
});
