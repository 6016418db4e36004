import { and, eq } from "drizzle-orm";
import { expect, describe as group, it } from "vitest";
import { servicePlans } from "../../../src/db/schema";
import { api, describe } from "../../support/api";
import { testDb } from "../../support/db";
import { createTestTenant, loginAs } from "../../support/harness";
import { createPlan, expectProblem, type Page, type PlanBody } from "./fixtures";

group("GET /api/v1/service-plans", () => {
  it("200: cheapest first, filters by active, searches the name literally, pages with meta", async () => {
    const t = await createTestTenant();
    const admin = await loginAs(t);
    const cheap = await createPlan(admin.headers, { name: "Hemat 5_0%", price: 100_000 });
    const mid = await createPlan(admin.headers, { name: "Keluarga 20", price: 200_000 });
    const retired = await createPlan(admin.headers, { name: "Lama 10", price: 150_000, isActive: false });

    const all = await api<Page<PlanBody>>("/api/v1/service-plans", { headers: admin.headers });
    expect(all.status, describe(all)).toBe(200);
    expect(all.body.data.map((p) => p.id)).toEqual([cheap.id, retired.id, mid.id]);
    expect(all.body.meta).toEqual({ page: 1, limit: 10, total: 3, totalPages: 1 });

    const active = await api<Page<PlanBody>>("/api/v1/service-plans?active=true", { headers: admin.headers });
    expect(active.body.data.map((p) => p.id)).toEqual([cheap.id, mid.id]);
    const inactive = await api<Page<PlanBody>>("/api/v1/service-plans?active=false", { headers: admin.headers });
    expect(inactive.body.data.map((p) => p.id)).toEqual([retired.id]);

    const search = await api<Page<PlanBody>>(`/api/v1/service-plans?search=${encodeURIComponent("5_0%")}`, {
      headers: admin.headers,
    });
    expect(search.body.data.map((p) => p.id)).toEqual([cheap.id]);
    const wildcard = await api<Page<PlanBody>>("/api/v1/service-plans?search=%25", { headers: admin.headers });
    expect(wildcard.body.data.map((p) => p.id)).toEqual([cheap.id]);

    const page2 = await api<Page<PlanBody>>("/api/v1/service-plans?limit=2&page=2", { headers: admin.headers });
    expect(page2.body.data.map((p) => p.id)).toEqual([mid.id]);
    expect(page2.body.meta).toEqual({ page: 2, limit: 2, total: 3, totalPages: 2 });
  });

  it("200: served from the cache, and fresh again right after any plan write", async () => {
    const t = await createTestTenant();
    const admin = await loginAs(t);
    const plan = await createPlan(admin.headers, { price: 100_000 });
    const first = await api<Page<PlanBody>>("/api/v1/service-plans", { headers: admin.headers });
    expect(first.body.data.map((p) => p.price)).toEqual([100_000]);

    // Behind the API's back: the cached list does not see it.
    const { db, close } = testDb("system");
    try {
      await db
        .update(servicePlans)
        .set({ price: 111_111 })
        .where(and(eq(servicePlans.tenantId, t.id), eq(servicePlans.id, plan.id)));
    } finally {
      await close();
    }
    const cached = await api<Page<PlanBody>>("/api/v1/service-plans", { headers: admin.headers });
    expect(cached.body.data.map((p) => p.price)).toEqual([100_000]);

    // Any write through the API purges it.
    const other = await createPlan(admin.headers, { price: 300_000 });
    const fresh = await api<Page<PlanBody>>("/api/v1/service-plans", { headers: admin.headers });
    expect(fresh.body.data.map((p) => [p.id, p.price])).toEqual([
      [plan.id, 111_111],
      [other.id, 300_000],
    ]);
    await api(`/api/v1/service-plans/${other.id}`, {
      method: "PATCH",
      headers: admin.headers,
      body: { price: 50_000 },
    });
    const afterUpdate = await api<Page<PlanBody>>("/api/v1/service-plans", { headers: admin.headers });
    expect(afterUpdate.body.data.map((p) => p.id)).toEqual([other.id, plan.id]);
    await api(`/api/v1/service-plans/${other.id}`, { method: "DELETE", headers: admin.headers });
    const afterDelete = await api<Page<PlanBody>>("/api/v1/service-plans", { headers: admin.headers });
    expect(afterDelete.body.data.map((p) => p.id)).toEqual([plan.id]);
  });

  it("200: each tenant sees its own catalogue (the cache key is per tenant)", async () => {
    const [a, b] = await Promise.all([createTestTenant(), createTestTenant()]);
    const [adminA, adminB] = await Promise.all([loginAs(a), loginAs(b)]);
    const planA = await createPlan(adminA.headers);
    await api("/api/v1/service-plans", { headers: adminA.headers });
    const listB = await api<Page<PlanBody>>("/api/v1/service-plans", { headers: adminB.headers });
    expect(listB.body.data).toEqual([]);
    const viewer = await loginAs(a, "viewer");
    const listA = await api<Page<PlanBody>>("/api/v1/service-plans", { headers: viewer.headers });
    expect(listA.body.data.map((p) => p.id)).toEqual([planA.id]);
  });

  it("400: a bad page, limit or active flag", async () => {
    const t = await createTestTenant();
    const admin = await loginAs(t);
    for (const q of ["limit=101", "page=0", "active=yes"]) {
      expectProblem(await api(`/api/v1/service-plans?${q}`, { headers: admin.headers }), 400, "VALIDATION_ERROR");
    }
  });

  it("401: without a token", async () => {
    const t = await createTestTenant();
    expectProblem(await api("/api/v1/service-plans", { headers: t.headers }), 401, "UNAUTHORIZED");
  });
});
