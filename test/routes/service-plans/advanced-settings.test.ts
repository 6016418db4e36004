import { expect, describe as group, it } from "vitest";
import { api, describe } from "../../support/api";
import { createTestTenant, loginAs } from "../../support/harness";
import { createPlan, expectProblem, MISSING } from "./fixtures";

interface Settings {
  servicePlanId: string;
  configured: boolean;
  burstEnabled: boolean;
  priority: number;
  dnsServers: string[];
  rateLimit: string;
  queueType: string;
}

const path = (id: string) => `/api/v1/service-plans/${id}/advanced-settings`;

group("GET /api/v1/service-plans/{id}/advanced-settings", () => {
  it("200: defaults and the plain rate limit before anything is set", async () => {
    const t = await createTestTenant();
    const [admin, tech] = await Promise.all([loginAs(t), loginAs(t, "technician")]);
    const plan = await createPlan(admin.headers, { speedDownloadMbps: 20, speedUploadMbps: 10 });
    const res = await api<Settings>(path(plan.id), { headers: tech.headers });
    expect(res.status, describe(res)).toBe(200);
    expect(res.body).toMatchObject({
      servicePlanId: plan.id,
      configured: false,
      burstEnabled: false,
      priority: 8,
      dnsServers: [],
      queueType: "pcq",
      rateLimit: "10M/20M",
    });
  });

  it("401, 404 for an unknown id and another tenant's plan", async () => {
    const [t, other] = await Promise.all([createTestTenant(), createTestTenant()]);
    const [admin, otherAdmin] = await Promise.all([loginAs(t), loginAs(other)]);
    const foreign = await createPlan(otherAdmin.headers);
    expectProblem(await api(path(foreign.id), { headers: t.headers }), 401, "UNAUTHORIZED");
    expectProblem(await api(path(foreign.id), { headers: admin.headers }), 404, "NOT_FOUND");
    expectProblem(await api(path(MISSING), { headers: admin.headers }), 404, "NOT_FOUND");
  });
});

group("PUT /api/v1/service-plans/{id}/advanced-settings", () => {
  it("200: creates, then replaces; the rate limit follows", async () => {
    const t = await createTestTenant();
    const admin = await loginAs(t);
    const plan = await createPlan(admin.headers, { speedDownloadMbps: 20, speedUploadMbps: 10 });
    const put = (body: unknown) => api<Settings>(path(plan.id), { method: "PUT", headers: admin.headers, body });
    const first = await put({
      burstEnabled: true,
      burstLimitMbps: 30,
      burstThresholdMbps: 16,
      burstTimeSeconds: 10,
      dnsServers: ["8.8.8.8", "1.1.1.1"],
      addressPool: "pool-20mbps",
    });
    expect(first.status, describe(first)).toBe(200);
    expect(first.body).toMatchObject({ configured: true, rateLimit: "10M/20M 15M/30M 8M/16M 10/10 8" });
    const second = await put({ priority: 3 });
    expect(second.body).toMatchObject({ burstEnabled: false, dnsServers: [], rateLimit: "10M/20M 0/0 0/0 0/0 3" });
    const got = await api<Settings>(path(plan.id), { headers: admin.headers });
    expect(got.body).toEqual(second.body);
  });

  it("400: out-of-range or malformed values, burst without its figures or not above the plan speed", async () => {
    const t = await createTestTenant();
    const admin = await loginAs(t);
    const plan = await createPlan(admin.headers, { speedDownloadMbps: 20, speedUploadMbps: 10 });
    const burst = { burstEnabled: true, burstLimitMbps: 30, burstThresholdMbps: 16, burstTimeSeconds: 10 };
    for (const body of [
      { priority: 0 },
      { priority: 9 },
      { dnsServers: ["8.8.8.256"] },
      { dnsServers: ["1.1.1.1", "1.1.1.1"] },
      { dnsServers: ["1.1.1.1", "8.8.8.8", "9.9.9.9"] },
      { maxConnections: 0 },
      { addressPool: "pool with space" },
      { burstEnabled: true },
      { ...burst, burstLimitMbps: 20 },
      { ...burst, burstThresholdMbps: 21 },
      { ...burst, burstTimeSeconds: 0 },
      { rateLimit: "1M/1M" },
    ]) {
      const res = await api(path(plan.id), { method: "PUT", headers: admin.headers, body });
      expectProblem(res, 400, "VALIDATION_ERROR");
    }
  });

  it("403 for an operator, 404 for another tenant's plan", async () => {
    const [t, other] = await Promise.all([createTestTenant(), createTestTenant()]);
    const [admin, operator, otherAdmin] = await Promise.all([loginAs(t), loginAs(t, "operator"), loginAs(other)]);
    const plan = await createPlan(admin.headers);
    expectProblem(await api(path(plan.id), { method: "PUT", headers: operator.headers, body: {} }), 403, "FORBIDDEN");
    expectProblem(await api(path(plan.id), { method: "PUT", headers: otherAdmin.headers, body: {} }), 404, "NOT_FOUND");
  });
});
