import { and, eq } from "drizzle-orm";
import { expect, describe as group, it } from "vitest";
import { auditLogs, domainEvents } from "../../../src/db/schema";
import { api, describe } from "../../support/api";
import { testDb } from "../../support/db";
import { createTestTenant, loginAs } from "../../support/harness";
import { createPlan, expectProblem, MISSING } from "../service-plans/fixtures";
import { businessFields, type CustomerBody, createCustomer } from "./fixtures";

const url = (id: string) => `/api/v1/customers/${id}`;

group("GET /api/v1/customers/{id}", () => {
  it("200; 404 for unknown, deleted and other tenants' customers; 400 for a malformed id; 401", async () => {
    const [t, other] = await Promise.all([createTestTenant(), createTestTenant()]);
    const [admin, viewer, otherAdmin] = await Promise.all([loginAs(t), loginAs(t, "viewer"), loginAs(other)]);
    const plan = await createPlan(admin.headers);
    const customer = await createCustomer(admin.headers, plan.id);
    const ok = await api<CustomerBody>(url(customer.id), { headers: viewer.headers });
    expect(ok.status, describe(ok)).toBe(200);
    expect(businessFields(ok.body)).toEqual(businessFields(customer));
    expectProblem(await api(url(customer.id), { headers: otherAdmin.headers }), 404, "NOT_FOUND");
    expectProblem(await api(url(MISSING), { headers: admin.headers }), 404, "NOT_FOUND");
    expectProblem(await api(url("x"), { headers: admin.headers }), 400, "VALIDATION_ERROR");
    expectProblem(await api(url(customer.id), { headers: t.headers }), 401, "UNAUTHORIZED");
    await api(url(customer.id), { method: "DELETE", headers: admin.headers });
    expectProblem(await api(url(customer.id), { headers: admin.headers }), 404, "NOT_FOUND");
  });
});

group("PATCH /api/v1/customers/{id}", () => {
  it("200: a plan change keeps a negotiated fee (one not the old plan's price) unless the request sets one", async () => {
    const t = await createTestTenant();
    const admin = await loginAs(t);
    const [p1, p2, p3] = [
      await createPlan(admin.headers, { price: 150_000 }),
      await createPlan(admin.headers, { price: 250_000 }),
      await createPlan(admin.headers, { price: 300_000 }),
    ];
    const patch = (id: string, body: Record<string, unknown>) =>
      api<CustomerBody>(url(id), { method: "PATCH", headers: admin.headers, body });
    const negotiated = await createCustomer(admin.headers, p1.id, { monthlyFee: 120_000 });
    expect(negotiated.monthlyFee).toBe(120_000);
    const kept = await patch(negotiated.id, { servicePlanId: p2.id });
    expect(kept.status, describe(kept)).toBe(200);
    expect(kept.body).toMatchObject({ servicePlanId: p2.id, monthlyFee: 120_000 });
    const set = await patch(negotiated.id, { servicePlanId: p3.id, monthlyFee: 280_000 });
    expect(set.body).toMatchObject({ servicePlanId: p3.id, monthlyFee: 280_000 });
    // A fee that is the plan's price follows the new plan.
    const list = await createCustomer(admin.headers, p1.id);
    expect((await patch(list.id, { servicePlanId: p2.id })).body).toMatchObject({ monthlyFee: 250_000 });
  });

  it("200: a plan change resets the fee, re-provisions and is recorded as plan_change", async () => {
    const t = await createTestTenant();
    const admin = await loginAs(t);
    const [p1, p2] = [
      await createPlan(admin.headers, { price: 150_000 }),
      await createPlan(admin.headers, { price: 250_000 }),
    ];
    const customer = await createCustomer(admin.headers, p1.id, { email: "a@b.id" });
    const res = await api<CustomerBody>(url(customer.id), {
      method: "PATCH",
      headers: admin.headers,
      body: { servicePlanId: p2.id, phone: "+62 857 1111 2222", email: null, notes: "naik paket" },
    });
    expect(res.status, describe(res)).toBe(200);
    expect(res.body).toMatchObject({
      servicePlanId: p2.id,
      monthlyFee: 250_000,
      phone: "+6285711112222",
      email: null,
      notes: "naik paket",
      customerCode: customer.customerCode,
      provisioningState: "pending",
    });
    const fee = await api<CustomerBody>(url(customer.id), {
      method: "PATCH",
      headers: admin.headers,
      body: { servicePlanId: p1.id, monthlyFee: 99_000, pppoePassword: "baru-sekali" },
    });
    expect(fee.body).toMatchObject({ servicePlanId: p1.id, monthlyFee: 99_000, hasPppoePassword: true });
    expect(fee.text).not.toContain("baru-sekali");

    const { db, close } = testDb("system");
    try {
      const events = await db
        .select({ action: domainEvents.action })
        .from(domainEvents)
        .where(and(eq(domainEvents.tenantId, t.id), eq(domainEvents.entityId, customer.id)))
        .orderBy(domainEvents.id);
      expect(events.map((e) => e.action)).toEqual(["create", "plan_change", "plan_change"]);
      const audits = await db
        .select({ changes: auditLogs.changes })
        .from(auditLogs)
        .where(
          and(eq(auditLogs.tenantId, t.id), eq(auditLogs.entityId, customer.id), eq(auditLogs.action, "plan_change")),
        );
      expect(JSON.stringify(audits)).not.toContain("baru-sekali");
    } finally {
      await close();
    }
  });

  it("400: foreign or unknown plan, bad phone, half a coordinate, unknown router; nothing changes", async () => {
    const [t, other] = await Promise.all([createTestTenant(), createTestTenant()]);
    const [admin, otherAdmin] = await Promise.all([loginAs(t), loginAs(other)]);
    const plan = await createPlan(admin.headers);
    const foreign = await createPlan(otherAdmin.headers);
    const customer = await createCustomer(admin.headers, plan.id);
    for (const body of [
      { servicePlanId: foreign.id },
      { servicePlanId: MISSING },
      { phone: "12345" },
      { latitude: -6.2 },
      { routerId: MISSING },
      { status: "terminated" },
      { customerCode: "CUST-999999" },
      { pppoeUsername: "cust-000777" },
    ]) {
      const res = await api(url(customer.id), { method: "PATCH", headers: admin.headers, body });
      expectProblem(res, 400, "VALIDATION_ERROR");
    }
    const after = await api<CustomerBody>(url(customer.id), { headers: admin.headers });
    expect(businessFields(after.body)).toEqual(businessFields(customer));
  });

  it("403 for a viewer, 404 for another tenant's customer, 409 for a taken PPPoE username", async () => {
    const [t, other] = await Promise.all([createTestTenant(), createTestTenant()]);
    const [admin, viewer, otherAdmin] = await Promise.all([loginAs(t), loginAs(t, "viewer"), loginAs(other)]);
    const plan = await createPlan(admin.headers);
    const a = await createCustomer(admin.headers, plan.id);
    const b = await createCustomer(admin.headers, plan.id, { pppoeUsername: "warung.b" });
    const patch = (headers: Record<string, string>, body: unknown) =>
      api(url(a.id), { method: "PATCH", headers, body });
    expectProblem(await patch(viewer.headers, { notes: "x" }), 403, "FORBIDDEN");
    expectProblem(await patch(otherAdmin.headers, { notes: "x" }), 404, "NOT_FOUND");
    expectProblem(await patch(admin.headers, { pppoeUsername: b.pppoeUsername }), 409, "DUPLICATE_ENTRY");
  });
});

group("DELETE /api/v1/customers/{id}", () => {
  it("204, then 404; 403 for a technician; 404 for another tenant's customer; 401", async () => {
    const [t, other] = await Promise.all([createTestTenant(), createTestTenant()]);
    const [admin, tech, otherAdmin] = await Promise.all([loginAs(t), loginAs(t, "technician"), loginAs(other)]);
    const plan = await createPlan(admin.headers);
    const customer = await createCustomer(admin.headers, plan.id);
    const del = (headers: Record<string, string>) => api(url(customer.id), { method: "DELETE", headers });
    expectProblem(await del(t.headers), 401, "UNAUTHORIZED");
    expectProblem(await del(tech.headers), 403, "FORBIDDEN");
    expectProblem(await del(otherAdmin.headers), 404, "NOT_FOUND");
    const ok = await del(admin.headers);
    expect(ok.status, describe(ok)).toBe(204);
    expectProblem(await del(admin.headers), 404, "NOT_FOUND");
  });
});
