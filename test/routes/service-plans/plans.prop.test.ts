import { fc, test } from "@fast-check/vitest";
import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect } from "vitest";
import type { DbHandle } from "../../../src/db/client";
import { customers, servicePlans, speedBoosts } from "../../../src/db/schema";
import { api, describe as show } from "../../support/api";
import { testDb } from "../../support/db";
import { createTestTenant, loginAs, type TestTenant } from "../../support/harness";
import { createPlan, type PlanBody, planName } from "./fixtures";

const REQUIRED = ["name", "speedDownloadMbps", "speedUploadMbps", "price"] as const;
const NUMERIC = ["speedDownloadMbps", "speedUploadMbps", "price"] as const;

let tenant: TestTenant & { remove(): Promise<void> };
let headers: Record<string, string>;
let system: DbHandle;
let base: PlanBody;

beforeAll(async () => {
  tenant = await createTestTenant({ keep: true });
  headers = (await loginAs(tenant)).headers;
  system = testDb("system");
  base = await createPlan(headers, { speedDownloadMbps: 5, price: 100_000 });
});

afterAll(async () => {
  await system.close();
  await tenant.remove();
});

async function planCount(): Promise<number> {
  const [row] = await system.db.select({ n: count() }).from(servicePlans).where(eq(servicePlans.tenantId, tenant.id));
  return row?.n ?? 0;
}

describe("service plan properties", () => {
  // Property 9: Required Field Validation (service plans)
  test.prop([fc.subarray([...REQUIRED], { minLength: 1 })], { numRuns: 100 })(
    "a plan missing any required field is refused with a validation error naming it, and nothing is stored",
    async (missing) => {
      const body: Record<string, unknown> = {
        name: planName(),
        speedDownloadMbps: 10,
        speedUploadMbps: 5,
        price: 1000,
      };
      for (const f of missing) delete body[f];
      const before = await planCount();
      const res = await api<{ code: string; details: { path: string }[] }>("/api/v1/service-plans", { headers, body });
      expect(res.status, show(res)).toBe(400);
      expect(res.body.code).toBe("VALIDATION_ERROR");
      expect(res.body.details.map((d) => d.path).sort()).toEqual([...missing].sort());
      expect(await planCount()).toBe(before);
    },
  );

  // Property 16: Positive Number Validation
  test.prop([fc.constantFrom(...NUMERIC), fc.integer({ min: -1_000_000, max: 100_000 }), fc.boolean()], {
    numRuns: 100,
  })("a speed or price is accepted exactly when it is > 0, on create and on update", async (field, value, onUpdate) => {
    const target = onUpdate ? await createPlan(headers) : undefined;
    const body = onUpdate
      ? { [field]: value }
      : { name: planName(), speedDownloadMbps: 10, speedUploadMbps: 5, price: 1000, [field]: value };
    const res = await api<PlanBody>(target ? `/api/v1/service-plans/${target.id}` : "/api/v1/service-plans", {
      method: target ? "PATCH" : "POST",
      headers,
      body,
    });
    if (value > 0) {
      expect(res.status, show(res)).toBe(target ? 200 : 201);
      expect(res.body[field]).toBe(value);
      return;
    }
    expect(res.status, show(res)).toBe(400);
    if (target) {
      const [row] = await system.db.select().from(servicePlans).where(eq(servicePlans.id, target.id));
      expect(row?.[field]).toBe(target[field]);
    }
  });

  // Property 17: Referential Integrity on Delete
  test.prop(
    [fc.constantFrom("unused", "subscribed", "deleted-subscriber", "effective", "boost-requested", "boost-expired")],
    {
      numRuns: 100,
    },
  )("a plan that any customer row or speed boost names cannot be deleted; an unused one can", async (usage) => {
    // The uses are seeded directly (this property is about DELETE, not about how a use came to be).
    const db = system.db;
    const tag = crypto.randomUUID();
    const [plan] = await db
      .insert(servicePlans)
      .values({ tenantId: tenant.id, name: `p17-${tag}`, speedDownloadMbps: 50, speedUploadMbps: 10, price: 300_000 })
      .returning();
    if (!plan) throw new Error("no plan");
    if (usage !== "unused") {
      const onPlan = usage === "subscribed" || usage === "deleted-subscriber";
      const [c] = await db
        .insert(customers)
        .values({
          tenantId: tenant.id,
          customerCode: `P17-${tag}`,
          name: "Pelanggan",
          phone: "+6281234567890",
          address: "Jl. Mawar",
          servicePlanId: onPlan ? plan.id : base.id,
          effectivePlanId: usage === "effective" ? plan.id : null,
          monthlyFee: 100_000,
          deletedAt: usage === "deleted-subscriber" ? new Date() : null,
        })
        .returning({ id: customers.id });
      if (c && usage.startsWith("boost")) {
        await db.insert(speedBoosts).values({
          tenantId: tenant.id,
          customerId: c.id,
          currentPlanId: base.id,
          boostPlanId: plan.id,
          durationDays: 1,
          price: 1000,
          status: usage === "boost-requested" ? "pending" : "expired",
        });
      }
    }
    const res = await api(`/api/v1/service-plans/${plan.id}`, { method: "DELETE", headers });
    const [left] = await db
      .select({ n: count() })
      .from(servicePlans)
      .where(and(eq(servicePlans.tenantId, tenant.id), eq(servicePlans.id, plan.id)));
    if (usage === "unused") {
      expect(res.status, show(res)).toBe(204);
      expect(left?.n).toBe(0);
    } else {
      expect(res.status, show(res)).toBe(409);
      expect(left?.n).toBe(1);
    }
  });
});
