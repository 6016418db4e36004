import { expect, describe as group, it } from "vitest";
import { api, describe } from "../../support/api";
import { createTestTenant, loginAs } from "../../support/harness";
import { createCustomer } from "../customers/fixtures";
import { createPlan, expectProblem, MISSING, type Page } from "../service-plans/fixtures";
import { type BoostBody, requestBoost } from "./fixtures";

group("GET /api/v1/speed-boosts", () => {
  it("200: newest first, filtered by status and customer, paged", async () => {
    const t = await createTestTenant();
    const [admin, viewer] = await Promise.all([loginAs(t), loginAs(t, "viewer")]);
    const base = await createPlan(admin.headers, { speedDownloadMbps: 10 });
    const fast = await createPlan(admin.headers, { speedDownloadMbps: 50 });
    const [c1, c2] = [await createCustomer(admin.headers, base.id), await createCustomer(admin.headers, base.id)];
    const b1 = await requestBoost(admin.headers, c1.id, fast.id);
    const b2 = await requestBoost(admin.headers, c2.id, fast.id);
    const b3 = await requestBoost(admin.headers, c1.id, fast.id);
    await api(`/api/v1/speed-boosts/${b1.id}/reject`, { headers: admin.headers, body: { reason: "Penuh" } });
    const ids = async (q: string) => {
      const res = await api<Page<BoostBody>>(`/api/v1/speed-boosts?${q}`, { headers: viewer.headers });
      expect(res.status, describe(res)).toBe(200);
      return res.body.data.map((b) => b.id);
    };
    expect(await ids("")).toEqual([b3.id, b2.id, b1.id]);
    expect(await ids("status=pending")).toEqual([b3.id, b2.id]);
    expect(await ids(`customerId=${c1.id}`)).toEqual([b3.id, b1.id]);
    expect(await ids(`customerId=${c1.id}&status=rejected`)).toEqual([b1.id]);
    const page = await api<Page<BoostBody>>("/api/v1/speed-boosts?limit=2&page=2", { headers: admin.headers });
    expect(page.body.meta).toEqual({ page: 2, limit: 2, total: 3, totalPages: 2 });
  });

  it("400 for a bad filter; 401; 403 for a technician", async () => {
    const t = await createTestTenant();
    const [admin, tech] = await Promise.all([loginAs(t), loginAs(t, "technician")]);
    expectProblem(await api("/api/v1/speed-boosts?status=done", { headers: admin.headers }), 400, "VALIDATION_ERROR");
    expectProblem(await api("/api/v1/speed-boosts?customerId=1", { headers: admin.headers }), 400, "VALIDATION_ERROR");
    expectProblem(await api("/api/v1/speed-boosts", { headers: t.headers }), 401, "UNAUTHORIZED");
    expectProblem(await api("/api/v1/speed-boosts", { headers: tech.headers }), 403, "FORBIDDEN");
  });
});

group("GET /api/v1/speed-boosts/{id}", () => {
  it("200; 404 for unknown and other tenants' boosts; 400 for a malformed id; 401; 403", async () => {
    const [t, other] = await Promise.all([createTestTenant(), createTestTenant()]);
    const [admin, tech, otherAdmin] = await Promise.all([loginAs(t), loginAs(t, "technician"), loginAs(other)]);
    const base = await createPlan(admin.headers, { speedDownloadMbps: 10 });
    const fast = await createPlan(admin.headers, { speedDownloadMbps: 50 });
    const c = await createCustomer(admin.headers, base.id);
    const boost = await requestBoost(admin.headers, c.id, fast.id);
    const url = `/api/v1/speed-boosts/${boost.id}`;
    const ok = await api<BoostBody>(url, { headers: admin.headers });
    expect(ok.status, describe(ok)).toBe(200);
    expect(ok.body).toEqual(boost);
    expectProblem(await api(url, { headers: otherAdmin.headers }), 404, "NOT_FOUND");
    expectProblem(await api(`/api/v1/speed-boosts/${MISSING}`, { headers: admin.headers }), 404, "NOT_FOUND");
    expectProblem(await api("/api/v1/speed-boosts/zzz", { headers: admin.headers }), 400, "VALIDATION_ERROR");
    expectProblem(await api(url, { headers: t.headers }), 401, "UNAUTHORIZED");
    expectProblem(await api(url, { headers: tech.headers }), 403, "FORBIDDEN");
  });
});
