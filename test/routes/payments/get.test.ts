import { expect, describe as group, it } from "vitest";
import { api, describe } from "../../support/api";
import { billingTenant, createPaymentVia, headersFor, MISSING, type PaymentView } from "./fixtures";

group("GET /api/v1/payments/{id}", () => {
  it("200: returns the payment, to a viewer too", async () => {
    const { tenant, customer, headers } = await billingTenant();
    const created = await createPaymentVia(headers, { customerId: customer.id, amount: 120000, period: "2026-06" });
    const res = await api<PaymentView>(`/api/v1/payments/${created.id}`, {
      headers: await headersFor(tenant, "viewer"),
    });
    expect(res.status, describe(res)).toBe(200);
    expect(res.body).toEqual(created);
  });

  it("404: an unknown id and another tenant's payment; 400: a malformed id", async () => {
    const a = await billingTenant();
    const b = await billingTenant();
    const theirs = await createPaymentVia(b.headers, { customerId: b.customer.id, amount: 1000 });
    for (const id of [MISSING, theirs.id]) {
      const res = await api(`/api/v1/payments/${id}`, { headers: a.headers });
      expect(res.status, describe(res)).toBe(404);
    }
    const malformed = await api("/api/v1/payments/not-a-uuid", { headers: a.headers });
    expect(malformed.status, describe(malformed)).toBe(400);
  });

  it("401: without a token", async () => {
    const res = await api(`/api/v1/payments/${MISSING}`);
    expect(res.status, describe(res)).toBe(401);
  });

  it("403: a technician may not read payments", async () => {
    const { tenant, customer, headers } = await billingTenant();
    const created = await createPaymentVia(headers, { customerId: customer.id, amount: 1000 });
    const res = await api(`/api/v1/payments/${created.id}`, { headers: await headersFor(tenant, "technician") });
    expect(res.status, describe(res)).toBe(403);
  });
});
