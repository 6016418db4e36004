import { fc, test } from "@fast-check/vitest";
import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect } from "vitest";
import type { DbHandle } from "../../../src/db/client";
import { customers } from "../../../src/db/schema";
import { api, describe as show } from "../../support/api";
import { testDb } from "../../support/db";
import { createTestTenant, loginAs, type TestTenant } from "../../support/harness";
import { createPlan, type PlanBody } from "../service-plans/fixtures";
import { businessFields, type CustomerBody, createCustomer, mobile } from "./fixtures";

const REQUIRED = ["name", "phone", "address", "servicePlanId"] as const;

let tenant: TestTenant & { remove(): Promise<void> };
let other: TestTenant & { remove(): Promise<void> };
let headers: Record<string, string>;
let system: DbHandle;
let ownPlans: PlanBody[];
let foreignPlans: PlanBody[];
let customer: CustomerBody;

beforeAll(async () => {
  [tenant, other] = await Promise.all([createTestTenant({ keep: true }), createTestTenant({ keep: true })]);
  const [own, foreign] = await Promise.all([loginAs(tenant), loginAs(other)]);
  headers = own.headers;
  system = testDb("system");
  ownPlans = [await createPlan(headers), await createPlan(headers)];
  foreignPlans = [await createPlan(foreign.headers), await createPlan(foreign.headers)];
  customer = await createCustomer(headers, ownPlans[0]?.id ?? "");
});

afterAll(async () => {
  await system.close();
  await Promise.all([tenant.remove(), other.remove()]);
});

async function customerCount(): Promise<number> {
  const [row] = await system.db.select({ n: count() }).from(customers).where(eq(customers.tenantId, tenant.id));
  return row?.n ?? 0;
}

/** A plan reference: one of ours, another tenant's, or one that exists nowhere. */
const planRef = fc.oneof(
  fc.constantFrom(0, 1).map((i) => ({ kind: "own" as const, id: () => ownPlans[i]?.id ?? "" })),
  fc.constantFrom(0, 1).map((i) => ({ kind: "foreign" as const, id: () => foreignPlans[i]?.id ?? "" })),
  fc.uuid({ version: 4 }).map((u) => ({ kind: "missing" as const, id: () => u })),
);

describe("customer input properties", () => {
  // Property 9: Required Field Validation (customers)
  test.prop([fc.subarray([...REQUIRED], { minLength: 1 }), fc.boolean()], { numRuns: 100 })(
    "a customer missing any required field is refused, naming the field, and nothing is stored",
    async (missing, withOptionals) => {
      const body: Record<string, unknown> = {
        name: "Siti",
        phone: mobile(),
        address: "Jl. Mawar 1",
        servicePlanId: ownPlans[0]?.id,
        ...(withOptionals ? { email: "siti@contoh.id", billingDay: 5, notes: "x" } : {}),
      };
      for (const f of missing) delete body[f];
      const before = await customerCount();
      const res = await api<{ code: string; details: { path: string }[] }>("/api/v1/customers", { headers, body });
      expect(res.status, show(res)).toBe(400);
      expect(res.body.code).toBe("VALIDATION_ERROR");
      expect(res.body.details.map((d) => d.path).sort()).toEqual([...missing].sort());
      expect(await customerCount()).toBe(before);
    },
  );

  // Property 13: Referential Integrity on Update
  test.prop([planRef, fc.boolean()], { numRuns: 100 })(
    "a customer's plan must be a plan of the tenant: otherwise create and update are refused (400) and change nothing",
    async (ref, onUpdate) => {
      const planId = ref.id();
      const valid = ref.kind === "own";
      if (onUpdate) {
        const [before] = await system.db.select().from(customers).where(eq(customers.id, customer.id));
        const res = await api<CustomerBody>(`/api/v1/customers/${customer.id}`, {
          method: "PATCH",
          headers,
          body: { servicePlanId: planId },
        });
        const [after] = await system.db.select().from(customers).where(eq(customers.id, customer.id));
        if (valid) {
          expect(res.status, show(res)).toBe(200);
          expect(after?.servicePlanId).toBe(planId);
        } else {
          expect(res.status, show(res)).toBe(400);
          expect(after && businessFields(after)).toEqual(before && businessFields(before));
        }
        return;
      }
      const before = await customerCount();
      const res = await api<CustomerBody>("/api/v1/customers", {
        headers,
        body: { name: "Budi", phone: mobile(), address: "Jl. Anggrek", servicePlanId: planId },
      });
      if (valid) {
        expect(res.status, show(res)).toBe(201);
        const [row] = await system.db
          .select({ plan: customers.servicePlanId })
          .from(customers)
          .where(and(eq(customers.tenantId, tenant.id), eq(customers.id, res.body.id)));
        expect(row?.plan).toBe(planId);
      } else {
        expect(res.status, show(res)).toBe(400);
        expect((res.body as unknown as { details: { field: string } }).details.field).toBe("servicePlanId");
        expect(await customerCount()).toBe(before);
      }
    },
  );
});
