import { expect, describe as group, it } from "vitest";
import { api, describe } from "../../support/api";
import { createTestTenant, loginAs } from "../../support/harness";
import { createCustomer } from "../customers/fixtures";
import { createPlan, expectProblem, MISSING, type PlanBody } from "./fixtures";

group("GET /api/v1/service-plans/{id}", () => {
  it("200 for a viewer; 404 for an unknown id and for another tenant's plan; 400 for a malformed id", async () => {
    const [t, other] = await Promise.all([createTestTenant(), createTestTenant()]);
    const [admin, viewer, otherAdmin] = await Promise.all([loginAs(t), loginAs(t, "viewer"), loginAs(other)]);
    const plan = await createPlan(admin.headers);
    const foreign = await createPlan(otherAdmin.headers);
    const ok = await api<PlanBody>(`/api/v1/service-plans/${plan.id}`, { headers: viewer.headers });
    expect(ok.status, describe(ok)).toBe(200);
    expect(ok.body).toEqual(plan);
    expectProblem(await api(`/api/v1/service-plans/${MISSING}`, { headers: admin.headers }), 404, "NOT_FOUND");
    expectProblem(await api(`/api/v1/service-plans/${foreign.id}`, { headers: admin.headers }), 404, "NOT_FOUND");
    expectProblem(await api("/api/v1/service-plans/nope", { headers: admin.headers }), 400, "VALIDATION_ERROR");
  });

  it("401: without a token", async () => {
    const t = await createTestTenant();
    expectProblem(await api(`/api/v1/service-plans/${MISSING}`, { headers: t.headers }), 401, "UNAUTHORIZED");
  });
});

group("PATCH /api/v1/service-plans/{id}", () => {
  it("200: changes what was sent and leaves the rest; an empty patch changes nothing", async () => {
    const t = await createTestTenant();
    const admin = await loginAs(t);
    const plan = await createPlan(admin.headers, { description: "lama" });
    const res = await api<PlanBody>(`/api/v1/service-plans/${plan.id}`, {
      method: "PATCH",
      headers: admin.headers,
      body: { price: 250_000, isActive: false, features: ["Tanpa FUP"], description: null },
    });
    expect(res.status, describe(res)).toBe(200);
    const { updatedAt: _, ...unchanged } = plan as PlanBody & { updatedAt: string };
    expect(res.body).toMatchObject({
      ...unchanged,
      price: 250_000,
      isActive: false,
      features: ["Tanpa FUP"],
      description: null,
    });
    const same = await api<PlanBody>(`/api/v1/service-plans/${plan.id}`, {
      method: "PATCH",
      headers: admin.headers,
      body: {},
    });
    expect(same.body).toEqual(res.body);
  });

  it("400: non-positive numbers and unknown fields", async () => {
    const t = await createTestTenant();
    const admin = await loginAs(t);
    const plan = await createPlan(admin.headers);
    for (const body of [{ price: 0 }, { speedUploadMbps: -1 }, { speedDownloadMbps: 1.5 }, { id: MISSING }]) {
      const res = await api(`/api/v1/service-plans/${plan.id}`, { method: "PATCH", headers: admin.headers, body });
      expectProblem(res, 400, "VALIDATION_ERROR");
    }
  });

  it("403 for an operator; 404 for another tenant's plan; 409 for a name taken in the tenant", async () => {
    const [t, other] = await Promise.all([createTestTenant(), createTestTenant()]);
    const [admin, operator, otherAdmin] = await Promise.all([loginAs(t), loginAs(t, "operator"), loginAs(other)]);
    const [a, b] = [await createPlan(admin.headers), await createPlan(admin.headers)];
    const patch = (id: string, headers: Record<string, string>, body: unknown) =>
      api(`/api/v1/service-plans/${id}`, { method: "PATCH", headers, body });
    expectProblem(await patch(a.id, operator.headers, { price: 1 }), 403, "FORBIDDEN");
    expectProblem(await patch(a.id, otherAdmin.headers, { price: 1 }), 404, "NOT_FOUND");
    expectProblem(await patch(a.id, admin.headers, { name: b.name }), 409, "DUPLICATE_ENTRY");
  });
});

group("DELETE /api/v1/service-plans/{id}", () => {
  it("204 then 404 for an unused plan", async () => {
    const t = await createTestTenant();
    const admin = await loginAs(t);
    const plan = await createPlan(admin.headers);
    const del = await api(`/api/v1/service-plans/${plan.id}`, { method: "DELETE", headers: admin.headers });
    expect(del.status, describe(del)).toBe(204);
    expectProblem(await api(`/api/v1/service-plans/${plan.id}`, { headers: admin.headers }), 404, "NOT_FOUND");
  });

  it("409 while a customer subscribes to it, even a deleted one", async () => {
    const t = await createTestTenant();
    const admin = await loginAs(t);
    const plan = await createPlan(admin.headers);
    const customer = await createCustomer(admin.headers, plan.id);
    const del = () => api(`/api/v1/service-plans/${plan.id}`, { method: "DELETE", headers: admin.headers });
    expectProblem(await del(), 409, "CONFLICT");
    await api(`/api/v1/customers/${customer.id}`, { method: "DELETE", headers: admin.headers });
    expectProblem(await del(), 409, "CONFLICT");
    const still = await api(`/api/v1/service-plans/${plan.id}`, { headers: admin.headers });
    expect(still.status, describe(still)).toBe(200);
  });

  it("401, 403 for an operator, 404 for another tenant's plan", async () => {
    const [t, other] = await Promise.all([createTestTenant(), createTestTenant()]);
    const [admin, operator, otherAdmin] = await Promise.all([loginAs(t), loginAs(t, "operator"), loginAs(other)]);
    const plan = await createPlan(admin.headers);
    const del = (headers: Record<string, string>) =>
      api(`/api/v1/service-plans/${plan.id}`, { method: "DELETE", headers });
    expectProblem(await del(t.headers), 401, "UNAUTHORIZED");
    expectProblem(await del(operator.headers), 403, "FORBIDDEN");
    expectProblem(await del(otherAdmin.headers), 404, "NOT_FOUND");
  });
});
