import { expect, describe as group, it } from "vitest";
import { api, describe } from "../../support/api";
import { createTestTenant, loginAs } from "../../support/harness";
import { type CustomerBody, createCustomer } from "../customers/fixtures";
import { createPlan, expectProblem, MISSING } from "../service-plans/fixtures";
import { type BoostBody, requestBoost } from "./fixtures";

const approve = (id: string, headers: Record<string, string>) =>
  api<BoostBody>(`/api/v1/speed-boosts/${id}/approve`, { method: "POST", headers });
const reject = (id: string, headers: Record<string, string>, body: unknown) =>
  api<BoostBody>(`/api/v1/speed-boosts/${id}/reject`, { headers, body });

async function setup() {
  const t = await createTestTenant();
  const [admin, operator, viewer] = await Promise.all([loginAs(t), loginAs(t, "operator"), loginAs(t, "viewer")]);
  const base = await createPlan(admin.headers, { speedDownloadMbps: 10 });
  const fast = await createPlan(admin.headers, { speedDownloadMbps: 50 });
  const c = await createCustomer(admin.headers, base.id);
  return { t, admin, operator, viewer, base, fast, c };
}

group("POST /api/v1/speed-boosts/{id}/approve", () => {
  it("200: active from now for the duration; the customer's effective plan switches", async () => {
    const { t, operator, fast, c } = await setup();
    const boost = await requestBoost(operator.headers, c.id, fast.id, 5);
    const before = Date.now();
    const res = await approve(boost.id, operator.headers);
    const after = Date.now();
    expect(res.status, describe(res)).toBe(200);
    expect(res.body).toMatchObject({ status: "active", approvedBy: t.users.operator.id });
    const start = Date.parse(res.body.startDate ?? "");
    expect(start).toBeGreaterThanOrEqual(before - 1000);
    expect(start).toBeLessThanOrEqual(after + 1000);
    expect(Date.parse(res.body.endDate ?? "") - start).toBe(5 * 86_400_000);
    const customer = await api<CustomerBody>(`/api/v1/customers/${c.id}`, { headers: operator.headers });
    expect(customer.body).toMatchObject({ effectivePlanId: fast.id, servicePlanId: c.servicePlanId });
  });

  it("409: not pending any more, a second active boost, a plan change since the request", async () => {
    const { admin, base, fast, c } = await setup();
    const first = await requestBoost(admin.headers, c.id, fast.id);
    const second = await requestBoost(admin.headers, c.id, fast.id);
    expect((await approve(first.id, admin.headers)).status).toBe(200);
    expectProblem(await approve(first.id, admin.headers), 409, "CONFLICT");
    expectProblem(await approve(second.id, admin.headers), 409, "CONFLICT");
    const other = await createCustomer(admin.headers, base.id);
    const stale = await requestBoost(admin.headers, other.id, fast.id);
    const mid = await createPlan(admin.headers, { speedDownloadMbps: 20 });
    await api(`/api/v1/customers/${other.id}`, {
      method: "PATCH",
      headers: admin.headers,
      body: { servicePlanId: mid.id },
    });
    expectProblem(await approve(stale.id, admin.headers), 409, "CONFLICT");
    // While the boost runs, the subscribed plan cannot change either.
    const planChange = await api(`/api/v1/customers/${c.id}`, {
      method: "PATCH",
      headers: admin.headers,
      body: { servicePlanId: mid.id },
    });
    expectProblem(planChange, 409, "CONFLICT");
  });

  it("401; 403 for a viewer; 404 for unknown and other tenants' boosts", async () => {
    const { t, admin, viewer, fast, c } = await setup();
    const other = await createTestTenant();
    const otherAdmin = await loginAs(other);
    const boost = await requestBoost(admin.headers, c.id, fast.id);
    expectProblem(await approve(boost.id, t.headers), 401, "UNAUTHORIZED");
    expectProblem(await approve(boost.id, viewer.headers), 403, "FORBIDDEN");
    expectProblem(await approve(boost.id, otherAdmin.headers), 404, "NOT_FOUND");
    expectProblem(await approve(MISSING, admin.headers), 404, "NOT_FOUND");
  });
});

group("POST /api/v1/speed-boosts/{id}/reject", () => {
  it("200: rejected with the reason; then neither approvable nor rejectable (409)", async () => {
    const { admin, fast, c } = await setup();
    const boost = await requestBoost(admin.headers, c.id, fast.id);
    const res = await reject(boost.id, admin.headers, { reason: "  Kapasitas penuh  " });
    expect(res.status, describe(res)).toBe(200);
    expect(res.body).toMatchObject({ status: "rejected", rejectionReason: "Kapasitas penuh", startDate: null });
    expectProblem(await approve(boost.id, admin.headers), 409, "CONFLICT");
    expectProblem(await reject(boost.id, admin.headers, { reason: "lagi" }), 409, "CONFLICT");
  });

  it("400 without a reason; 401; 403 for a viewer; 404 for another tenant's boost", async () => {
    const { t, admin, viewer, fast, c } = await setup();
    const other = await createTestTenant();
    const otherAdmin = await loginAs(other);
    const boost = await requestBoost(admin.headers, c.id, fast.id);
    for (const body of [{}, { reason: "   " }, { reason: "x".repeat(501) }]) {
      expectProblem(await reject(boost.id, admin.headers, body), 400, "VALIDATION_ERROR");
    }
    expectProblem(await reject(boost.id, t.headers, { reason: "x" }), 401, "UNAUTHORIZED");
    expectProblem(await reject(boost.id, viewer.headers, { reason: "x" }), 403, "FORBIDDEN");
    expectProblem(await reject(boost.id, otherAdmin.headers, { reason: "x" }), 404, "NOT_FOUND");
    const still = await api<BoostBody>(`/api/v1/speed-boosts/${boost.id}`, { headers: admin.headers });
    expect(still.body.status).toBe("pending");
  });
});
