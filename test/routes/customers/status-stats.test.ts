import { and, eq } from "drizzle-orm";
import { expect, describe as group, it } from "vitest";
import { auditLogs } from "../../../src/db/schema";
import { api, describe } from "../../support/api";
import { testDb } from "../../support/db";
import { createTestTenant, loginAs } from "../../support/harness";
import { createPlan, expectProblem, MISSING } from "../service-plans/fixtures";
import { type CustomerBody, createCustomer } from "./fixtures";

const statusUrl = (id: string) => `/api/v1/customers/${id}/status`;

group("PATCH /api/v1/customers/{id}/status", () => {
  it("200: active → suspended → active → terminated, audited with old, new and reason", async () => {
    const t = await createTestTenant();
    const [admin, operator] = await Promise.all([loginAs(t), loginAs(t, "operator")]);
    const plan = await createPlan(admin.headers);
    const c = await createCustomer(admin.headers, plan.id);
    for (const [status, reason] of [
      ["suspended", "Belum bayar"],
      ["active", undefined],
      ["terminated", "Pindah rumah"],
    ] as const) {
      const res = await api<CustomerBody>(statusUrl(c.id), {
        method: "PATCH",
        headers: operator.headers,
        body: { status, reason },
      });
      expect(res.status, describe(res)).toBe(200);
      expect(res.body.status).toBe(status);
    }
    const { db, close } = testDb("system");
    try {
      const rows = await db
        .select({ changes: auditLogs.changes, userId: auditLogs.userId })
        .from(auditLogs)
        .where(and(eq(auditLogs.tenantId, t.id), eq(auditLogs.entityId, c.id), eq(auditLogs.action, "status_change")))
        .orderBy(auditLogs.createdAt);
      expect(rows.map((r) => r.changes)).toEqual([
        { status: { old: "active", new: "suspended" }, reason: "Belum bayar" },
        { status: { old: "suspended", new: "active" }, reason: null },
        { status: { old: "active", new: "terminated" }, reason: "Pindah rumah" },
      ]);
      expect(rows.every((r) => r.userId === t.users.operator.id)).toBe(true);
    } finally {
      await close();
    }
  });

  it("409: staying put, and anything out of terminated", async () => {
    const t = await createTestTenant();
    const admin = await loginAs(t);
    const plan = await createPlan(admin.headers);
    const c = await createCustomer(admin.headers, plan.id);
    const set = (status: string) => api(statusUrl(c.id), { method: "PATCH", headers: admin.headers, body: { status } });
    expectProblem(await set("active"), 409, "CONFLICT");
    expect((await set("terminated")).status).toBe(200);
    for (const s of ["active", "suspended", "terminated"]) expectProblem(await set(s), 409, "CONFLICT");
  });

  it("400 for an unknown status or extra field; 401; 403 for a viewer; 404 for another tenant's customer", async () => {
    const [t, other] = await Promise.all([createTestTenant(), createTestTenant()]);
    const [admin, viewer, otherAdmin] = await Promise.all([loginAs(t), loginAs(t, "viewer"), loginAs(other)]);
    const plan = await createPlan(admin.headers);
    const c = await createCustomer(admin.headers, plan.id);
    const set = (headers: Record<string, string>, body: unknown, id = c.id) =>
      api(statusUrl(id), { method: "PATCH", headers, body });
    expectProblem(await set(admin.headers, { status: "paused" }), 400, "VALIDATION_ERROR");
    expectProblem(await set(admin.headers, { status: "suspended", by: "me" }), 400, "VALIDATION_ERROR");
    expectProblem(await set(t.headers, { status: "suspended" }), 401, "UNAUTHORIZED");
    expectProblem(await set(viewer.headers, { status: "suspended" }), 403, "FORBIDDEN");
    expectProblem(await set(otherAdmin.headers, { status: "suspended" }), 404, "NOT_FOUND");
    expectProblem(await set(admin.headers, { status: "suspended" }, MISSING), 404, "NOT_FOUND");
  });
});

group("GET /api/v1/customers/stats", () => {
  it("200: live customers per status, adding up to the total; own tenant only", async () => {
    const [t, other] = await Promise.all([createTestTenant(), createTestTenant()]);
    const [admin, viewer, otherAdmin] = await Promise.all([loginAs(t), loginAs(t, "viewer"), loginAs(other)]);
    const plan = await createPlan(admin.headers);
    const otherPlan = await createPlan(otherAdmin.headers);
    await createCustomer(otherAdmin.headers, otherPlan.id);
    const [a, b, c, d] = [
      await createCustomer(admin.headers, plan.id),
      await createCustomer(admin.headers, plan.id),
      await createCustomer(admin.headers, plan.id),
      await createCustomer(admin.headers, plan.id),
    ];
    await api(statusUrl(b.id), { method: "PATCH", headers: admin.headers, body: { status: "suspended" } });
    await api(statusUrl(c.id), { method: "PATCH", headers: admin.headers, body: { status: "terminated" } });
    await api(`/api/v1/customers/${d.id}`, { method: "DELETE", headers: admin.headers });
    const res = await api("/api/v1/customers/stats", { headers: viewer.headers });
    expect(res.status, describe(res)).toBe(200);
    expect(res.body).toEqual({ total: 3, active: 1, suspended: 1, terminated: 1 });
    expect(a.status).toBe("active");
  });

  it("401: without a token (every role may read the stats)", async () => {
    const t = await createTestTenant();
    expectProblem(await api("/api/v1/customers/stats", { headers: t.headers }), 401, "UNAUTHORIZED");
  });
});
