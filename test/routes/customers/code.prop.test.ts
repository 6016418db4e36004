import { fc, test } from "@fast-check/vitest";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect } from "vitest";
import type { DbHandle } from "../../../src/db/client";
import { customers } from "../../../src/db/schema";
import { api, describe as show } from "../../support/api";
import { testDb } from "../../support/db";
import { createTestTenant, loginAs, type TestTenant } from "../../support/harness";
import { createPlan, type PlanBody } from "../service-plans/fixtures";
import { type CustomerBody, mobile } from "./fixtures";

let tenant: TestTenant & { remove(): Promise<void> };
let headers: Record<string, string>;
let system: DbHandle;
let plan: PlanBody;

beforeAll(async () => {
  tenant = await createTestTenant({ keep: true });
  headers = (await loginAs(tenant)).headers;
  system = testDb("system");
  plan = await createPlan(headers);
});

afterAll(async () => {
  await system.close();
  await tenant.remove();
});

describe("customer codes", () => {
  // Property 8: Customer Code Uniqueness
  test.prop([fc.integer({ min: 2, max: 5 })], { numRuns: 100 })(
    "customers created concurrently through the API all get distinct codes, and the tenant never repeats one",
    async (n) => {
      const created = await Promise.all(
        Array.from({ length: n }, () =>
          api<CustomerBody>("/api/v1/customers", {
            headers,
            body: { name: "Pelanggan Serentak", phone: mobile(), address: "Jl. Kenanga", servicePlanId: plan.id },
          }),
        ),
      );
      for (const res of created) expect(res.status, show(res)).toBe(201);
      const codes = created.map((r) => r.body.customerCode);
      expect(new Set(codes).size).toBe(n);
      for (const code of codes) expect(code).toMatch(/^CUST-\d{6,}$/);
      // Also the default PPPoE usernames derived from them.
      expect(new Set(created.map((r) => r.body.pppoeUsername)).size).toBe(n);

      const rows = await system.db
        .select({ code: customers.customerCode })
        .from(customers)
        .where(eq(customers.tenantId, tenant.id));
      expect(new Set(rows.map((r) => r.code)).size).toBe(rows.length);
    },
  );
});
