import { expect, describe as group, it } from "vitest";
import { api, describe } from "../../support/api";
import { createTestTenant, loginAs } from "../../support/harness";
import { createCustomer } from "../customers/fixtures";
import { createPlan, expectProblem, MISSING } from "../service-plans/fixtures";
import type { BoostBody } from "./fixtures";

group("POST /api/v1/speed-boosts", () => {
  it("201: pending, priced on the subscribed plan, pro-rated per day", async () => {
    const t = await createTestTenant();
    const [admin, operator] = await Promise.all([loginAs(t), loginAs(t, "operator")]);
    const base = await createPlan(admin.headers, { speedDownloadMbps: 10, price: 200_000 });
    const fast = await createPlan(admin.headers, { speedDownloadMbps: 50, price: 300_000 });
    const c = await createCustomer(admin.headers, base.id);
    const res = await api<BoostBody>("/api/v1/speed-boosts", {
      headers: operator.headers,
      body: { customerId: c.id, boostPlanId: fast.id, durationDays: 7, notes: " Acara keluarga " },
    });
    expect(res.status, describe(res)).toBe(201);
    expect(res.body).toMatchObject({
      customerId: c.id,
      currentPlanId: base.id,
      boostPlanId: fast.id,
      durationDays: 7,
      price: 23_333,
      status: "pending",
      startDate: null,
      endDate: null,
      notes: "Acara keluarga",
    });
  });

  it("400: not faster, bad duration, unknown or foreign customer or plan, retired plan", async () => {
    const [t, other] = await Promise.all([createTestTenant(), createTestTenant()]);
    const [admin, otherAdmin] = await Promise.all([loginAs(t), loginAs(other)]);
    const base = await createPlan(admin.headers, { speedDownloadMbps: 20 });
    const same = await createPlan(admin.headers, { speedDownloadMbps: 20, speedUploadMbps: 20, price: 900_000 });
    const fast = await createPlan(admin.headers, { speedDownloadMbps: 50 });
    const retired = await createPlan(admin.headers, { speedDownloadMbps: 100, isActive: false });
    const foreignPlan = await createPlan(otherAdmin.headers, { speedDownloadMbps: 100 });
    const foreignCustomer = await createCustomer(otherAdmin.headers, foreignPlan.id);
    const c = await createCustomer(admin.headers, base.id);
    const ok = { customerId: c.id, boostPlanId: fast.id, durationDays: 7 };
    for (const body of [
      { ...ok, boostPlanId: same.id },
      { ...ok, boostPlanId: base.id },
      { ...ok, durationDays: 0 },
      { ...ok, durationDays: 31 },
      { ...ok, durationDays: 1.5 },
      { ...ok, customerId: MISSING },
      { ...ok, customerId: foreignCustomer.id },
      { ...ok, boostPlanId: foreignPlan.id },
      { ...ok, boostPlanId: retired.id },
      { ...ok, price: 1 },
      { customerId: c.id, durationDays: 7 },
    ]) {
      expectProblem(await api("/api/v1/speed-boosts", { headers: admin.headers, body }), 400, "VALIDATION_ERROR");
    }
  });

  it("401; 403 for a viewer; 409 for a suspended customer", async () => {
    const t = await createTestTenant();
    const [admin, viewer] = await Promise.all([loginAs(t), loginAs(t, "viewer")]);
    const base = await createPlan(admin.headers, { speedDownloadMbps: 10 });
    const fast = await createPlan(admin.headers, { speedDownloadMbps: 50 });
    const c = await createCustomer(admin.headers, base.id);
    const body = { customerId: c.id, boostPlanId: fast.id, durationDays: 3 };
    expectProblem(await api("/api/v1/speed-boosts", { headers: t.headers, body }), 401, "UNAUTHORIZED");
    expectProblem(await api("/api/v1/speed-boosts", { headers: viewer.headers, body }), 403, "FORBIDDEN");
    await api(`/api/v1/customers/${c.id}/status`, {
      method: "PATCH",
      headers: admin.headers,
      body: { status: "suspended" },
    });
    expectProblem(await api("/api/v1/speed-boosts", { headers: admin.headers, body }), 409, "CONFLICT");
  });
});
