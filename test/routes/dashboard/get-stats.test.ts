import { eq } from "drizzle-orm";
import { expect, describe as group, it } from "vitest";
import { customers, infrastructureItems, monitoringSamples, payments, tickets } from "../../../src/db/schema";
import { localPeriod, periodRange } from "../../../src/lib/time";
import { api, describe } from "../../support/api";
import { seedCustomer, seedPlan } from "../../support/billing-seed";
import { testDb } from "../../support/db";
import { createTestTenant, loginAs } from "../../support/harness";

interface Stats {
  customers: Record<string, number>;
  revenue: {
    currentMonth: number;
    previousMonth: number;
    growthPercent: number | null;
    growthNote: string | null;
  } | null;
  tickets: { openByPriority: Record<string, number>; open: number };
  bandwidth: { usagePercent: number | null; usedBps: number | null; totalBps: number };
  inventory: { lowStockCount: number };
  generatedAt: string;
  cached: boolean;
}

/** A tenant with a little of everything the dashboard counts. */
async function seededTenant() {
  const tenant = await createTestTenant();
  const { db, close } = testDb("system");
  try {
    const t = tenant.id;
    const plan = await seedPlan(db, t, { downloadMbps: 20 });
    const a = await seedCustomer(db, t, plan.id);
    await seedCustomer(db, t, plan.id);
    await seedCustomer(db, t, plan.id, { status: "suspended" });
    await seedCustomer(db, t, plan.id, { status: "terminated", deletedAt: new Date() });
    const now = new Date();
    const lastMonth = new Date(
      periodRange(localPeriod(now, "Asia/Jakarta"), "Asia/Jakarta").start.getTime() - 86_400_000,
    );
    const pay = (n: number, amount: number, paymentDate: Date | null, status: "paid" | "pending") => ({
      tenantId: t,
      customerId: a.id,
      invoiceNumber: `T-${n}`,
      amount,
      dueDate: "2026-01-01",
      paymentDate,
      status,
    });
    await db
      .insert(payments)
      .values([
        pay(1, 100_000, now, "paid"),
        pay(2, 50_000, now, "paid"),
        pay(3, 100_000, lastMonth, "paid"),
        pay(4, 9_999, null, "pending"),
      ]);
    const ticket = (n: number, status: "open" | "in_progress" | "resolved", priority: "high" | "low") => ({
      tenantId: t,
      customerId: a.id,
      ticketNumber: `TKT-${n}`,
      title: "Lambat",
      description: "Internet lambat",
      status,
      priority,
    });
    await db
      .insert(tickets)
      .values([ticket(1, "open", "high"), ticket(2, "in_progress", "low"), ticket(3, "resolved", "high")]);
    const item = (name: string, quantity: number, minimumQuantity: number, deletedAt: Date | null = null) => ({
      tenantId: t,
      name,
      type: "cable" as const,
      unit: "meter" as const,
      quantity,
      minimumQuantity,
      deletedAt,
    });
    await db.insert(infrastructureItems).values([item("FO", 2, 5), item("UTP", 50, 5), item("Old", 0, 5, new Date())]);
    await db.insert(monitoringSamples).values({
      tenantId: t,
      customerId: a.id,
      sampleSeq: 1,
      ts: new Date(now.getTime() - 60_000),
      rxBytes: 0,
      txBytes: 0,
      rxRateBps: 10_000_000,
      txRateBps: 1_000_000,
    });
  } finally {
    await close();
  }
  return tenant;
}

group("GET /api/v1/dashboard/stats", () => {
  it("200: the figures, then the same snapshot from the cache", async () => {
    const tenant = await seededTenant();
    const { headers } = await loginAs(tenant, "viewer");
    const res = await api<Stats>("/api/v1/dashboard/stats", { headers });
    expect(res.status, describe(res)).toBe(200);
    expect(res.body).toMatchObject({
      customers: { active: 2, suspended: 1, terminated: 0, total: 3 },
      revenue: { currentMonth: 150_000, previousMonth: 100_000, growthPercent: 50, growthNote: null },
      tickets: { openByPriority: { low: 1, medium: 0, high: 1, urgent: 0 }, open: 2 },
      bandwidth: { usagePercent: 25, usedBps: 10_000_000, totalBps: 40_000_000 },
      inventory: { lowStockCount: 1 },
      cached: false,
    });

    const { db, close } = testDb("system");
    await db.update(customers).set({ status: "suspended" }).where(eq(customers.tenantId, tenant.id)).finally(close);
    const again = await api<Stats>("/api/v1/dashboard/stats", { headers });
    expect(again.status, describe(again)).toBe(200);
    expect(again.body.cached).toBe(true);
    expect(again.body.generatedAt).toBe(res.body.generatedAt);
    expect(again.body.customers.active).toBe(2);
  });

  it("200: a technician (no payments:read) gets revenue null, also from a snapshot an admin cached", async () => {
    const tenant = await seededTenant();
    const admin = await api<Stats>("/api/v1/dashboard/stats", { headers: (await loginAs(tenant, "admin")).headers });
    expect(admin.status, describe(admin)).toBe(200);
    expect(admin.body.revenue).toMatchObject({ currentMonth: 150_000 });
    const { headers } = await loginAs(tenant, "technician");
    const res = await api<Stats>("/api/v1/dashboard/stats", { headers });
    expect(res.status, describe(res)).toBe(200);
    expect(res.body.cached).toBe(true);
    expect(res.body.revenue).toBeNull();
    expect(res.text).not.toContain("150000");
    // The sections its permissions cover are still there, from the same snapshot.
    expect(res.body).toMatchObject({ customers: { total: 3 }, tickets: { open: 2 }, inventory: { lowStockCount: 1 } });
    expect(res.body.generatedAt).toBe(admin.body.generatedAt);
  });

  it("200: no previous revenue gives a null growth with a note; no samples a null usage", async () => {
    const tenant = await createTestTenant();
    const { headers } = await loginAs(tenant, "operator");
    const res = await api<Stats>("/api/v1/dashboard/stats", { headers });
    expect(res.status, describe(res)).toBe(200);
    expect(res.body.revenue).toMatchObject({ growthPercent: null, growthNote: "no_revenue_previous_month" });
    expect(res.body.bandwidth).toMatchObject({ usagePercent: null, usedBps: null, totalBps: 0 });
  });

  it("401: without a token", async () => {
    const res = await api("/api/v1/dashboard/stats");
    expect(res.status, describe(res)).toBe(401);
  });

  it("403: none — every role may read the dashboard (the permission matrix gives dashboard:read to all)", async () => {
    const tenant = await createTestTenant();
    for (const role of ["admin", "operator", "technician", "viewer"] as const) {
      const res = await api("/api/v1/dashboard/stats", { headers: (await loginAs(tenant, role)).headers });
      expect(res.status, `${role}: ${describe(res)}`).toBe(200);
    }
  });
});
