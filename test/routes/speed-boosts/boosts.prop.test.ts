import { fc, test } from "@fast-check/vitest";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect } from "vitest";
import type { DbHandle } from "../../../src/db/client";
import { servicePlans, speedBoosts } from "../../../src/db/schema";
import { api, describe as show } from "../../support/api";
import { testDb } from "../../support/db";
import { createTestTenant, loginAs, type TestTenant } from "../../support/harness";
import { createPlan, type PlanBody } from "../service-plans/fixtures";
import { type BoostBody, insertCustomer, insertPendingBoost, insertPlan, requestBoost } from "./fixtures";

let tenant: TestTenant & { remove(): Promise<void> };
let headers: Record<string, string>;
let system: DbHandle;
let base: PlanBody;
let fast: PlanBody;
let patient: string;

beforeAll(async () => {
  tenant = await createTestTenant({ keep: true });
  headers = (await loginAs(tenant, "operator")).headers;
  const admin = (await loginAs(tenant)).headers;
  system = testDb("system");
  base = await createPlan(admin, { speedDownloadMbps: 10, price: 150_000 });
  fast = await createPlan(admin, { speedDownloadMbps: 50, price: 400_000 });
  patient = await insertCustomer(system.db, tenant.id, base.id);
});

afterAll(async () => {
  await system.close();
  await tenant.remove();
});

describe("speed boost properties", () => {
  // Property 33: Speed Boost Price Calculation (through the API)
  test.prop(
    [fc.integer({ min: 1, max: 2_000_000 }), fc.integer({ min: 1, max: 2_000_000 }), fc.integer({ min: 1, max: 30 })],
    { numRuns: 100 },
  )(
    "a requested boost costs round((boost − current) × days ÷ 30) rupiah, ≥ 0, kept when prices change later",
    async (currentPrice, boostPrice, days) => {
      const current = await insertPlan(system.db, tenant.id, { speedDownloadMbps: 10, price: currentPrice });
      const boost = await insertPlan(system.db, tenant.id, { speedDownloadMbps: 20, price: boostPrice });
      const customerId = await insertCustomer(system.db, tenant.id, current);
      const b = await requestBoost(headers, customerId, boost, days);
      // Exact in integers: |30·price − n| ≤ 15, a tie (= 15) rounded up (away from zero, n > 0).
      const n = (boostPrice - currentPrice) * days;
      if (n <= 0) expect(b.price).toBe(0);
      else {
        expect(Math.abs(2 * (30 * b.price - n))).toBeLessThanOrEqual(30);
        if (Math.abs(2 * (30 * b.price - n)) === 30) expect(30 * b.price).toBeGreaterThan(n);
      }
      await system.db
        .update(servicePlans)
        .set({ price: boostPrice + 1 })
        .where(eq(servicePlans.id, boost));
      const [row] = await system.db.select().from(speedBoosts).where(eq(speedBoosts.id, b.id));
      expect(row?.price).toBe(b.price);
    },
  );

  // Property 34: Speed Boost Date Calculation
  test.prop([fc.integer({ min: 1, max: 30 })], { numRuns: 100 })(
    "an approved boost starts at approval time and ends exactly duration_days × 24 h later",
    async (days) => {
      const customerId = await insertCustomer(system.db, tenant.id, base.id);
      const id = await insertPendingBoost(system.db, tenant.id, customerId, { current: base.id, boost: fast.id }, days);
      const t0 = Date.now();
      const res = await api<BoostBody>(`/api/v1/speed-boosts/${id}/approve`, { method: "POST", headers });
      const t1 = Date.now();
      expect(res.status, show(res)).toBe(200);
      const start = Date.parse(res.body.startDate ?? "");
      const end = Date.parse(res.body.endDate ?? "");
      // workerd's clock advances per I/O; allow a second either side of the request.
      expect(start).toBeGreaterThanOrEqual(t0 - 1000);
      expect(start).toBeLessThanOrEqual(t1 + 1000);
      expect(end - start).toBe(days * 86_400_000);
      const [row] = await system.db.select().from(speedBoosts).where(eq(speedBoosts.id, id));
      expect(row?.status).toBe("active");
      expect(row?.startDate?.getTime()).toBe(start);
      expect(row?.endDate?.getTime()).toBe(end);
    },
  );

  // Property 36: Rejection Reason Recording
  test.prop([fc.string({ minLength: 1, maxLength: 200 }).filter((s) => s.trim().length > 0)], { numRuns: 100 })(
    "a rejected boost keeps the (trimmed) reason, in the response and in the database",
    async (reason) => {
      const id = await insertPendingBoost(system.db, tenant.id, patient, { current: base.id, boost: fast.id }, 3);
      const res = await api<BoostBody>(`/api/v1/speed-boosts/${id}/reject`, { headers, body: { reason } });
      expect(res.status, show(res)).toBe(200);
      expect(res.body).toMatchObject({ status: "rejected", rejectionReason: reason.trim() });
      const [row] = await system.db.select().from(speedBoosts).where(eq(speedBoosts.id, id));
      expect(row?.rejectionReason).toBe(reason.trim());
      expect(row?.status).toBe("rejected");
    },
  );
});
