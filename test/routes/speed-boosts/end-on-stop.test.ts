import { and, eq } from "drizzle-orm";
import { expect, describe as group, it } from "vitest";
import { auditLogs, payments, speedBoosts } from "../../../src/db/schema";
import { runMonthlyBilling } from "../../../src/services/billing/monthly-billing";
import { runOverdueJob } from "../../../src/services/billing/overdue-job";
import { api, describe } from "../../support/api";
import { testDb } from "../../support/db";
import { createTestTenant, loginAs } from "../../support/harness";
import { type CustomerBody, createCustomer } from "../customers/fixtures";
import { createPlan } from "../service-plans/fixtures";
import { type BoostBody, requestBoost } from "./fixtures";

const DAY = 86_400_000;

/** A 10-day boost, approved and then moved 3.5 days into the past: 4 days begun when it is cut now. */
async function runningBoost() {
  const t = await createTestTenant();
  const admin = await loginAs(t);
  const base = await createPlan(admin.headers, { speedDownloadMbps: 10, price: 150_000 });
  const fast = await createPlan(admin.headers, { speedDownloadMbps: 50, price: 450_000 });
  const c = await createCustomer(admin.headers, base.id);
  const boost = await requestBoost(admin.headers, c.id, fast.id, 10);
  const res = await api<BoostBody>(`/api/v1/speed-boosts/${boost.id}/approve`, {
    method: "POST",
    headers: admin.headers,
  });
  expect(res.status, describe(res)).toBe(200);
  const start = new Date(Date.now() - 3.5 * DAY);
  const { db, close } = testDb("system");
  try {
    await db
      .update(speedBoosts)
      .set({ startDate: start, endDate: new Date(start.getTime() + 10 * DAY) })
      .where(eq(speedBoosts.id, boost.id));
  } finally {
    await close();
  }
  // round((450 000 − 150 000) × 10 / 30) = 100 000 for 10 days; 4 days of it: 40 000.
  expect(boost.price).toBe(100_000);
  return { t, admin, c, boost, fast };
}

async function boostRow(id: string) {
  const { db, close } = testDb("system");
  try {
    const [row] = await db.select().from(speedBoosts).where(eq(speedBoosts.id, id));
    return row;
  } finally {
    await close();
  }
}

group("a speed boost ends with its customer's service (issue 11)", () => {
  for (const status of ["suspended", "terminated"] as const) {
    it(`${status} by staff: the boost ends now, cut to the days used; the router reverts to the subscribed plan`, async () => {
      const { admin, c, boost } = await runningBoost();
      const before = Date.now();
      const res = await api<CustomerBody>(`/api/v1/customers/${c.id}/status`, {
        method: "PATCH",
        headers: admin.headers,
        body: { status },
      });
      expect(res.status, describe(res)).toBe(200);
      expect(res.body).toMatchObject({ status, effectivePlanId: null, provisioningState: "pending" });
      const row = await boostRow(boost.id);
      expect(row).toMatchObject({ status: "expired", durationDays: 4, price: 40_000 });
      expect(row?.endDate?.getTime()).toBeGreaterThanOrEqual(before - 1000);
      expect(row?.endDate?.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
      const got = await api<CustomerBody>(`/api/v1/customers/${c.id}`, { headers: admin.headers });
      expect(got.body.effectivePlanId).toBeNull();
      const { db, close } = testDb("system");
      try {
        const audits = await db
          .select({ action: auditLogs.action, changes: auditLogs.changes })
          .from(auditLogs)
          .where(and(eq(auditLogs.entityType, "speed_boost"), eq(auditLogs.entityId, boost.id)));
        expect(audits.find((a) => a.action === "expire")?.changes).toMatchObject({
          reason: "customer_not_active",
          price: { old: 100_000, new: 40_000 },
          durationDays: { old: 10, new: 4 },
        });
      } finally {
        await close();
      }
    });
  }

  it("isolir: the overdue pass that suspends the customer ends the boost; the next month bills the days used only", async () => {
    const { t, admin, c, boost } = await runningBoost();
    // isolirHour 0: the pass handles the tenant at any hour of the real clock.
    const put = await api("/api/v1/settings/billing", {
      method: "PUT",
      headers: admin.headers,
      body: { suspendAfterDays: 7, isolirHour: 0 },
    });
    expect(put.status, describe(put)).toBe(200);
    const { db, close } = testDb("system");
    try {
      const now = new Date();
      await db.insert(payments).values({
        tenantId: t.id,
        customerId: c.id,
        invoiceNumber: `INV-OLD-${c.customerCode}`,
        amount: 150_000,
        dueDate: new Date(now.getTime() - 20 * DAY).toISOString().slice(0, 10),
        createdAt: new Date(now.getTime() - 40 * DAY),
        status: "overdue",
      });
      expect(await runOverdueJob(db, now, { tenantId: t.id })).toMatchObject({ suspended: 1 });
      expect(await boostRow(boost.id)).toMatchObject({ status: "expired", durationDays: 4, price: 40_000 });
      const customer = await api<CustomerBody>(`/api/v1/customers/${c.id}`, { headers: admin.headers });
      expect(customer.body).toMatchObject({ status: "suspended", effectivePlanId: null, provisioningState: "pending" });

      // Reinstated by staff; next month's invoice charges the fee and the 4 days of boost.
      await api(`/api/v1/customers/${c.id}/status`, {
        method: "PATCH",
        headers: admin.headers,
        body: { status: "active" },
      });
      const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 20, 5));
      await runMonthlyBilling(db, next, { tenantId: t.id });
      const [invoice] = await db
        .select({ amount: payments.amount, id: payments.id })
        .from(payments)
        .where(and(eq(payments.tenantId, t.id), eq(payments.period, next.toISOString().slice(0, 7))));
      expect(invoice?.amount).toBe(150_000 + 40_000);
      expect((await boostRow(boost.id))?.billedPaymentId).toBe(invoice?.id);
    } finally {
      await close();
    }
  });
});
