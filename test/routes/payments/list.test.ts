import { expect, describe as group, it } from "vitest";
import { api, describe } from "../../support/api";
import { seedCustomer } from "../../support/billing-seed";
import { testDb } from "../../support/db";
import { billingTenant, createPaymentVia, headersFor, type PaymentView } from "./fixtures";

interface Page {
  data: PaymentView[];
  meta: { page: number; limit: number; total: number; totalPages: number };
}

group("GET /api/v1/payments", () => {
  it("200: filters by status, customer, period and due-date range; pages are stable", async () => {
    const { tenant, plan, customer, headers } = await billingTenant();
    const { db, close } = testDb("system");
    const other = await seedCustomer(db, tenant.id, plan.id, { name: "Budi Santoso" }).finally(close);
    const paid = await createPaymentVia(headers, {
      customerId: customer.id,
      amount: 100000,
      period: "2026-01",
      paymentDate: "2026-01-05T00:00:00Z",
    });
    await createPaymentVia(headers, { customerId: customer.id, amount: 100000, period: "2026-02" });
    const budi = await createPaymentVia(headers, { customerId: other.id, amount: 90000, period: "2026-02" });

    const q = async (query: string) => {
      const res = await api<Page>(`/api/v1/payments?${query}`, { headers });
      expect(res.status, describe(res)).toBe(200);
      return res.body;
    };
    expect((await q("")).meta.total).toBe(3);
    expect((await q("status=paid")).data.map((p) => p.id)).toEqual([paid.id]);
    expect((await q(`customerId=${other.id}`)).data.map((p) => p.id)).toEqual([budi.id]);
    expect((await q("period=2026-02")).meta.total).toBe(2);
    expect((await q("dueFrom=2026-02-01&dueTo=2026-02-28")).meta.total).toBe(2);
    expect((await q("dueTo=2026-01-31")).data.map((p) => p.id)).toEqual([paid.id]);
    expect((await q("search=budi")).data.map((p) => p.id)).toEqual([budi.id]);

    const first = await q("limit=2&page=1");
    const second = await q("limit=2&page=2");
    expect(first.meta).toEqual({ page: 1, limit: 2, total: 3, totalPages: 2 });
    const ids = [...first.data, ...second.data].map((p) => p.id);
    expect(new Set(ids).size).toBe(3);
  });

  it("200: filters by payment date in tenant-local days (01:30 WIB on the 15th is the 15th)", async () => {
    const { customer, headers } = await billingTenant();
    const pay = (period: string, paymentDate?: string) =>
      createPaymentVia(headers, { customerId: customer.id, amount: 100000, period, paymentDate });
    const early = await pay("2026-03", "2026-03-14T18:30:00.000Z"); // 15 March, 01:30 in Jakarta
    const late = await pay("2026-04", "2026-03-15T16:59:59.000Z"); // 15 March, 23:59:59 in Jakarta
    const next = await pay("2026-05", "2026-03-15T17:00:00.000Z"); // 16 March, 00:00 in Jakarta
    await pay("2026-06"); // unpaid: never in a payment-date range
    const ids = async (query: string) => {
      const res = await api<Page>(`/api/v1/payments?${query}`, { headers });
      expect(res.status, `${query}: ${describe(res)}`).toBe(200);
      return res.body.data.map((p) => p.id).sort();
    };
    expect(await ids("paidFrom=2026-03-15&paidTo=2026-03-15")).toEqual([early.id, late.id].sort());
    expect(await ids("paidTo=2026-03-14")).toEqual([]);
    expect(await ids("paidFrom=2026-03-16")).toEqual([next.id]);
    expect(await ids("paidFrom=2026-03-01")).toEqual([early.id, late.id, next.id].sort());
  });

  it("200: never shows another tenant's payments", async () => {
    const a = await billingTenant();
    const b = await billingTenant();
    await createPaymentVia(b.headers, { customerId: b.customer.id, amount: 1000 });
    const res = await api<Page>("/api/v1/payments", { headers: a.headers });
    expect(res.status, describe(res)).toBe(200);
    expect(res.body.meta.total).toBe(0);
  });

  it("400: a bad filter or an inverted range", async () => {
    const { headers } = await billingTenant();
    for (const query of [
      "status=late",
      "period=2026-1",
      "limit=500",
      "dueFrom=2026-03-01&dueTo=2026-02-01",
      "paidFrom=2026-03-02&paidTo=2026-03-01",
      "paidFrom=15-03-2026",
    ]) {
      const res = await api(`/api/v1/payments?${query}`, { headers });
      expect(res.status, `${query}: ${describe(res)}`).toBe(400);
    }
  });

  it("401: without a token", async () => {
    const res = await api("/api/v1/payments");
    expect(res.status, describe(res)).toBe(401);
  });

  it("403: a technician may not read payments", async () => {
    const { tenant } = await billingTenant();
    const res = await api("/api/v1/payments", { headers: await headersFor(tenant, "technician") });
    expect(res.status, describe(res)).toBe(403);
  });
});
