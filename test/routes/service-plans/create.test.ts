import { expect, describe as group, it } from "vitest";
import { api, describe } from "../../support/api";
import { createTestTenant, loginAs } from "../../support/harness";
import { createPlan, expectProblem, type PlanBody, planName } from "./fixtures";

group("POST /api/v1/service-plans", () => {
  it("201: creates an active plan with defaults and returns it", async () => {
    const t = await createTestTenant();
    const admin = await loginAs(t);
    const name = planName();
    const res = await api<PlanBody>("/api/v1/service-plans", {
      headers: admin.headers,
      body: { name: `  ${name}  `, speedDownloadMbps: 50, speedUploadMbps: 25, price: 350_000 },
    });
    expect(res.status, describe(res)).toBe(201);
    expect(res.body).toMatchObject({
      name,
      description: null,
      speedDownloadMbps: 50,
      speedUploadMbps: 25,
      price: 350_000,
      isActive: true,
      features: [],
    });
    const got = await api<PlanBody>(`/api/v1/service-plans/${res.body.id}`, { headers: admin.headers });
    expect(got.body).toEqual(res.body);
  });

  it("400: missing fields, non-positive or fractional numbers, unknown fields, markup in the name", async () => {
    const t = await createTestTenant();
    const admin = await loginAs(t);
    const valid = { name: planName(), speedDownloadMbps: 10, speedUploadMbps: 5, price: 100_000 };
    const bad = [
      { ...valid, name: undefined },
      { ...valid, speedDownloadMbps: 0 },
      { ...valid, speedUploadMbps: -5 },
      { ...valid, price: 0 },
      { ...valid, price: 99.5 },
      { ...valid, price: "100000" },
      { ...valid, extra: 1 },
      { ...valid, name: "<script>x</script>" },
    ];
    for (const body of bad) {
      expectProblem(await api("/api/v1/service-plans", { headers: admin.headers, body }), 400, "VALIDATION_ERROR");
    }
  });

  it("401: without a token", async () => {
    const t = await createTestTenant();
    const res = await api("/api/v1/service-plans", { headers: t.headers, body: { name: "x" } });
    expectProblem(res, 401, "UNAUTHORIZED");
  });

  it("403: an operator may read plans but not create them", async () => {
    const t = await createTestTenant();
    const operator = await loginAs(t, "operator");
    const body = { name: planName(), speedDownloadMbps: 10, speedUploadMbps: 5, price: 100_000 };
    expectProblem(await api("/api/v1/service-plans", { headers: operator.headers, body }), 403, "FORBIDDEN");
  });

  it("409: a name already used in the tenant; the same name is fine in another tenant", async () => {
    const [a, b] = await Promise.all([createTestTenant(), createTestTenant()]);
    const [adminA, adminB] = await Promise.all([loginAs(a), loginAs(b)]);
    const plan = await createPlan(adminA.headers);
    const dup = await api("/api/v1/service-plans", {
      headers: adminA.headers,
      body: { name: plan.name, speedDownloadMbps: 10, speedUploadMbps: 5, price: 100_000 },
    });
    expectProblem(dup, 409, "DUPLICATE_ENTRY");
    await createPlan(adminB.headers, { name: plan.name });
  });
});
