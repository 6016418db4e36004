import { and, eq } from "drizzle-orm";
import { expect, describe as group, it } from "vitest";
import { domainEvents } from "../../../src/db/schema";
import { localDate } from "../../../src/lib/time";
import { api, describe } from "../../support/api";
import { testDb } from "../../support/db";
import { billingTenant, createPaymentVia, headersFor, MISSING, type PaymentView } from "./fixtures";

const patch = (id: string, headers: Record<string, string>, body: unknown) =>
  api<PaymentView>(`/api/v1/payments/${id}/status`, { method: "PATCH", headers, body });

group("PATCH /api/v1/payments/{id}/status", () => {
  it("200: pending → paid records the payment date (now) and method", async () => {
    const { customer, headers } = await billingTenant("operator");
    const created = await createPaymentVia(headers, { customerId: customer.id, amount: 1000 });
    const before = Date.now();
    const res = await patch(created.id, headers, { status: "paid", paymentMethod: "e-wallet" });
    expect(res.status, describe(res)).toBe(200);
    expect(res.body).toMatchObject({ status: "paid", paymentMethod: "e-wallet" });
    const paidAt = Date.parse(res.body.paymentDate ?? "");
    expect(paidAt).toBeGreaterThanOrEqual(before - 1000);
    expect(paidAt).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it("200: setting the current status again changes nothing", async () => {
    const { customer, headers } = await billingTenant();
    const created = await createPaymentVia(headers, { customerId: customer.id, amount: 1000 });
    const res = await patch(created.id, headers, { status: "pending" });
    expect(res.status, describe(res)).toBe(200);
    expect(res.body).toEqual(created);
  });

  it("409: a paid or cancelled payment is final; overdue cannot go back to pending", async () => {
    const { customer, headers } = await billingTenant();
    const paid = await createPaymentVia(headers, {
      customerId: customer.id,
      amount: 1000,
      paymentDate: "2026-01-01T00:00:00Z",
    });
    const res = await patch(paid.id, headers, { status: "cancelled" });
    expect(res.status, describe(res)).toBe(409);
    const late = await createPaymentVia(headers, { customerId: customer.id, amount: 1000, dueDate: "2026-01-10" });
    expect((await patch(late.id, headers, { status: "overdue" })).status).toBe(200);
    const back = await patch(late.id, headers, { status: "pending" });
    expect(back.status, describe(back)).toBe(409);
  });

  it("409: pending → overdue before the due date has passed in the tenant's zone, and no event for it", async () => {
    const { tenant, customer, headers } = await billingTenant();
    const today = localDate(new Date(), "Asia/Jakarta");
    const yesterday = localDate(new Date(Date.now() - 86_400_000), "Asia/Jakarta");
    for (const dueDate of [today, "2099-12-31"]) {
      const early = await createPaymentVia(headers, { customerId: customer.id, amount: 1000, dueDate });
      const res = await patch(early.id, headers, { status: "overdue" });
      expect(res.status, `${dueDate}: ${describe(res)}`).toBe(409);
      expect((await api<PaymentView>(`/api/v1/payments/${early.id}`, { headers })).body.status).toBe("pending");
      const { db, close } = testDb("system");
      const events = await db
        .select()
        .from(domainEvents)
        .where(and(eq(domainEvents.tenantId, tenant.id), eq(domainEvents.entityId, early.id)))
        .finally(close);
      expect(events.map((e) => e.action)).toEqual(["create"]);
    }
    const due = await createPaymentVia(headers, { customerId: customer.id, amount: 1000, dueDate: yesterday });
    const res = await patch(due.id, headers, { status: "overdue" });
    expect(res.status, describe(res)).toBe(200);
    expect(res.body.status).toBe("overdue");
  });

  it("400: an unknown status, or a payment date with a status other than paid", async () => {
    const { customer, headers } = await billingTenant();
    const created = await createPaymentVia(headers, { customerId: customer.id, amount: 1000 });
    for (const body of [{ status: "refunded" }, { status: "cancelled", paymentDate: "2026-01-01T00:00:00Z" }, {}]) {
      const res = await patch(created.id, headers, body);
      expect(res.status, `${JSON.stringify(body)}: ${describe(res)}`).toBe(400);
    }
  });

  it("404: unknown id and another tenant's payment", async () => {
    const a = await billingTenant();
    const b = await billingTenant();
    const theirs = await createPaymentVia(b.headers, { customerId: b.customer.id, amount: 1000 });
    for (const id of [MISSING, theirs.id]) {
      const res = await patch(id, a.headers, { status: "paid" });
      expect(res.status, describe(res)).toBe(404);
    }
  });

  it("401: without a token", async () => {
    const res = await patch(MISSING, {}, { status: "paid" });
    expect(res.status, describe(res)).toBe(401);
  });

  it("403: a viewer may not change payments", async () => {
    const { tenant, customer, headers } = await billingTenant();
    const created = await createPaymentVia(headers, { customerId: customer.id, amount: 1000 });
    const res = await patch(created.id, await headersFor(tenant, "viewer"), { status: "paid" });
    expect(res.status, describe(res)).toBe(403);
  });
});
