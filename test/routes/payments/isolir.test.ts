import { and, eq } from "drizzle-orm";
import { expect, describe as group, it } from "vitest";
import type { Db } from "../../../src/db/client";
import { auditLogs, payments } from "../../../src/db/schema";
import { suspendForNonpayment } from "../../../src/services/billing/isolir";
import { api, describe } from "../../support/api";
import { testDb } from "../../support/db";
import { billingTenant, headersFor } from "./fixtures";

type Customer = { status: string; suspensionCause: string | null; provisioningState: string };

async function asSystem<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const { db, close } = testDb("system");
  return fn(db).finally(close);
}

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

/** An unpaid invoice `age` days past due, as the overdue job leaves it. */
async function overdueInvoice(tenantId: string, customerId: string, number: string, age: number) {
  return asSystem(async (db) => {
    const [row] = await db
      .insert(payments)
      .values({
        tenantId,
        customerId,
        invoiceNumber: number,
        amount: 150_000,
        dueDate: daysAgo(age),
        createdAt: new Date(Date.now() - (age + 20) * 86_400_000),
        status: "overdue",
      })
      .returning({ id: payments.id });
    return row?.id as string;
  });
}

const isolir = (tenantId: string) => asSystem((db) => suspendForNonpayment(db, new Date(), { tenantId }));

group("isolir: suspension for nonpayment and its lifting", () => {
  it("suspends after the grace days; lifts when the last invoice that suspended is paid or cancelled", async () => {
    const { tenant, customer, headers } = await billingTenant();
    const read = async () => (await api<Customer>(`/api/v1/customers/${customer.id}`, { headers })).body;
    const march = await overdueInvoice(tenant.id, customer.id, "INV-MAR", 12);
    const april = await overdueInvoice(tenant.id, customer.id, "INV-APR", 8);
    await overdueInvoice(tenant.id, customer.id, "INV-MAY", 3); // within the default 7 days
    expect(await isolir(tenant.id)).toEqual({ suspended: 1, invoices: 2 });
    expect(await read()).toMatchObject({
      status: "suspended",
      suspensionCause: "nonpayment",
      provisioningState: "pending",
    });

    const pay = (id: string, status: string) =>
      api(`/api/v1/payments/${id}/status`, { method: "PATCH", headers, body: { status } });
    expect((await pay(march, "paid")).status).toBe(200);
    expect((await read()).status).toBe("suspended"); // April still suspends
    expect((await pay(april, "cancelled")).status).toBe(200); // waived
    expect(await read()).toMatchObject({ status: "active", suspensionCause: null, provisioningState: "pending" });
    const lifted = await asSystem((db) =>
      db
        .select({ changes: auditLogs.changes })
        .from(auditLogs)
        .where(and(eq(auditLogs.tenantId, tenant.id), eq(auditLogs.entityType, "customer"))),
    );
    expect(lifted.map((a) => (a.changes as { status: { new: string } }).status.new).sort()).toEqual([
      "active",
      "suspended",
    ]);
  });

  it("a manual suspension is not lifted by a payment; a customer reinstated by staff is not cut off again for the same invoice", async () => {
    const { tenant, customer, headers } = await billingTenant();
    const read = async () => (await api<Customer>(`/api/v1/customers/${customer.id}`, { headers })).body;
    const setStatus = (status: string) =>
      api(`/api/v1/customers/${customer.id}/status`, { method: "PATCH", headers, body: { status } });
    const june = await overdueInvoice(tenant.id, customer.id, "INV-JUN", 10);
    await isolir(tenant.id);
    expect((await setStatus("active")).status).toBe(200); // a promise to pay
    expect(await isolir(tenant.id)).toEqual({ suspended: 0, invoices: 0 });
    expect(await read()).toMatchObject({ status: "active", suspensionCause: null });

    expect((await setStatus("suspended")).status).toBe(200);
    expect((await read()).suspensionCause).toBe("manual");
    const paid = await api(`/api/v1/payments/${june}/status`, { method: "PATCH", headers, body: { status: "paid" } });
    expect(paid.status, describe(paid)).toBe(200);
    expect(await read()).toMatchObject({ status: "suspended", suspensionCause: "manual" });
  });

  it("GET|PUT /settings/billing: 7 days by default, null turns isolir off; admins only; bounded", async () => {
    const { tenant, customer, headers } = await billingTenant();
    const path = "/api/v1/settings/billing";
    const defaults = { lateInvoiceDueDays: 7, isolatedPeriodBilling: "skip", isolirHour: 10 };
    expect((await api(path, { headers })).body).toEqual({ suspendAfterDays: 7, ...defaults });
    const operator = await headersFor(tenant, "operator");
    expect((await api(path, { headers: operator })).status).toBe(403);
    expect((await api(path, { method: "PUT", headers: operator, body: { suspendAfterDays: 3 } })).status).toBe(403);
    for (const bad of [
      { suspendAfterDays: 91 },
      { suspendAfterDays: -1 },
      { suspendAfterDays: 2.5 },
      { suspendAfterDays: 7, isolirHour: 24 },
      { suspendAfterDays: 7, isolirHour: -1 },
      { suspendAfterDays: 7, lateInvoiceDueDays: 61 },
      { suspendAfterDays: 7, isolatedPeriodBilling: "half" },
      {},
      { days: 3 },
    ]) {
      const res = await api(path, { method: "PUT", headers, body: bad });
      expect(res.status, `${JSON.stringify(bad)}: ${describe(res)}`).toBe(400);
    }
    const off = await api(path, { method: "PUT", headers, body: { suspendAfterDays: null } });
    expect(off.status, describe(off)).toBe(200);
    expect((await api(path, { headers })).body).toEqual({ suspendAfterDays: null, ...defaults });
    const set = { suspendAfterDays: null, lateInvoiceDueDays: 3, isolatedPeriodBilling: "prorata", isolirHour: 8 };
    expect((await api(path, { method: "PUT", headers, body: set })).body).toEqual(set);
    expect((await api(path, { headers })).body).toEqual(set);
    await overdueInvoice(tenant.id, customer.id, "INV-JUL", 30);
    expect(await isolir(tenant.id)).toEqual({ suspended: 0, invoices: 0 });
    await api(path, { method: "PUT", headers, body: { suspendAfterDays: 0 } });
    expect(await isolir(tenant.id)).toEqual({ suspended: 1, invoices: 1 });
  });
});
