import { eq } from "drizzle-orm";
import { expect, describe as group, it } from "vitest";
import { customers } from "../../../src/db/schema";
import { api, describe } from "../../support/api";
import { testDb } from "../../support/db";
import { createTestTenant, loginAs } from "../../support/harness";
import { createPlan, expectProblem, MISSING } from "../service-plans/fixtures";
import { type CustomerBody, createCustomer, mobile } from "./fixtures";

group("POST /api/v1/customers", () => {
  it("201: generates code and PPPoE username, normalises phone and email, fee from the plan", async () => {
    const t = await createTestTenant();
    const admin = await loginAs(t);
    const plan = await createPlan(admin.headers, { price: 175_000 });
    const res = await api<CustomerBody>("/api/v1/customers", {
      headers: admin.headers,
      body: {
        name: "Budi Santoso",
        phone: "0812-3456 7890",
        email: "  Budi@Example.COM ",
        address: "Jl. Melati 3",
        servicePlanId: plan.id,
        latitude: -6.37,
        longitude: 106.89,
        installationDate: "2026-10-31",
      },
    });
    expect(res.status, describe(res)).toBe(201);
    expect(res.body).toMatchObject({
      customerCode: "CUST-000001",
      phone: "+6281234567890",
      email: "budi@example.com",
      monthlyFee: 175_000,
      billingDay: 15,
      status: "active",
      pppoeUsername: "cust-000001",
      hasPppoePassword: true,
      provisioningState: "pending",
      effectivePlanId: null,
      installationDate: "2026-10-31",
    });
    expect(res.text).not.toMatch(/pppoePassword"|Enc/);
    const second = await createCustomer(admin.headers, plan.id, { monthlyFee: 0, billingDay: 28 });
    expect(second).toMatchObject({ customerCode: "CUST-000002", monthlyFee: 0, billingDay: 28 });

    // The password is stored encrypted, never in clear.
    const { db, close } = testDb("system");
    try {
      const given = await createCustomer(admin.headers, plan.id, {
        pppoeUsername: "budi.s",
        pppoePassword: "rahasia-123",
      });
      const [row] = await db.select().from(customers).where(eq(customers.id, given.id));
      expect(row?.pppoePasswordEnc).toMatch(/^v1\./);
      expect(row?.pppoePasswordEnc).not.toContain("rahasia-123");
      expect(given.pppoeUsername).toBe("budi.s");
    } finally {
      await close();
    }
  });

  it("400: missing or malformed fields, foreign or retired plan, unknown router, half a coordinate", async () => {
    const [t, other] = await Promise.all([createTestTenant(), createTestTenant()]);
    const [admin, otherAdmin] = await Promise.all([loginAs(t), loginAs(other)]);
    const plan = await createPlan(admin.headers);
    const retired = await createPlan(admin.headers, { isActive: false });
    const foreign = await createPlan(otherAdmin.headers);
    const valid = { name: "Siti", phone: mobile(), address: "Jl. Mawar", servicePlanId: plan.id };
    const bad: Record<string, unknown>[] = [
      { ...valid, name: undefined },
      { ...valid, phone: undefined },
      { ...valid, address: "" },
      { ...valid, phone: "021-555-1234" },
      { ...valid, phone: "+1 202 555 0100" },
      { ...valid, email: "not-an-email" },
      { ...valid, billingDay: 29 },
      { ...valid, billingDay: 0 },
      { ...valid, latitude: 91, longitude: 0 },
      { ...valid, latitude: -6.2 },
      { ...valid, installationDate: "2026-02-30" },
      { ...valid, monthlyFee: -1 },
      { ...valid, servicePlanId: foreign.id },
      { ...valid, servicePlanId: MISSING },
      { ...valid, servicePlanId: retired.id },
      { ...valid, routerId: MISSING },
      { ...valid, pppoeUsername: "has space" },
      { ...valid, pppoeUsername: "cust-000099" },
      { ...valid, pppoePassword: "short" },
      { ...valid, status: "active" },
    ];
    for (const body of bad) {
      const res = await api("/api/v1/customers", { headers: admin.headers, body });
      expectProblem(res, 400, "VALIDATION_ERROR");
    }
    const list = await api<{ meta: { total: number } }>("/api/v1/customers", { headers: admin.headers });
    expect(list.body.meta.total).toBe(0);
  });

  it("401: without a token", async () => {
    const t = await createTestTenant();
    expectProblem(await api("/api/v1/customers", { headers: t.headers, body: {} }), 401, "UNAUTHORIZED");
  });

  it("403: a technician may read customers but not create them", async () => {
    const t = await createTestTenant();
    const [admin, tech] = await Promise.all([loginAs(t), loginAs(t, "technician")]);
    const plan = await createPlan(admin.headers);
    const body = { name: "Siti", phone: mobile(), address: "Jl. Mawar", servicePlanId: plan.id };
    expectProblem(await api("/api/v1/customers", { headers: tech.headers, body }), 403, "FORBIDDEN");
  });

  it("409: a PPPoE username a live customer already has; free again once that customer is deleted", async () => {
    const t = await createTestTenant();
    const admin = await loginAs(t);
    const plan = await createPlan(admin.headers);
    const first = await createCustomer(admin.headers, plan.id, { pppoeUsername: "rumah.12" });
    const body = {
      name: "Siti",
      phone: mobile(),
      address: "Jl. Mawar",
      servicePlanId: plan.id,
      pppoeUsername: "rumah.12",
    };
    expectProblem(await api("/api/v1/customers", { headers: admin.headers, body }), 409, "DUPLICATE_ENTRY");
    await api(`/api/v1/customers/${first.id}`, { method: "DELETE", headers: admin.headers });
    const again = await api("/api/v1/customers", { headers: admin.headers, body });
    expect(again.status, describe(again)).toBe(201);
  });
});
