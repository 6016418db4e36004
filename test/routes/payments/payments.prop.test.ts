import { fc, test } from "@fast-check/vitest";
import { afterAll, beforeAll, describe, expect } from "vitest";
import type { DbHandle } from "../../../src/db/client";
import type { TenantInfo } from "../../../src/services/context";
import { createPayment } from "../../../src/services/payments/create";
import { updatePaymentStatus } from "../../../src/services/payments/update-status";
import { insertTenant, purgeTenant, seedCustomer, seedPlan, userContext } from "../../support/billing-seed";
import { testDb } from "../../support/db";

/** Indonesia has no daylight saving: each zone is a fixed offset, an oracle independent of Intl. */
const ZONES = { "Asia/Jakarta": 7, "Asia/Pontianak": 7, "Asia/Makassar": 8, "Asia/Jayapura": 9 } as const;
const zone = fc.constantFrom(...(Object.keys(ZONES) as (keyof typeof ZONES)[]));
const instant = fc.date({
  min: new Date("2024-01-01T00:00:00Z"),
  max: new Date("2027-12-31T23:59:59Z"),
  noInvalidDate: true,
});
const period = fc
  .record({ y: fc.integer({ min: 2024, max: 2027 }), m: fc.integer({ min: 1, max: 12 }) })
  .map(({ y, m }) => `${y}-${String(m).padStart(2, "0")}`);
const localMonth = (at: Date, tz: keyof typeof ZONES) =>
  new Date(at.getTime() + ZONES[tz] * 3_600_000).toISOString().slice(0, 7);

/** A clock after every generated instant, so no generated payment date lies in the future. */
const LATER = new Date("2028-01-01T00:00:00Z");

let system: DbHandle;
let app: DbHandle;
let tenant: TenantInfo;
let planId: string;

beforeAll(async () => {
  system = testDb("system");
  app = testDb("app");
  tenant = await insertTenant(system.db);
  planId = (await seedPlan(system.db, tenant.id)).id;
});

afterAll(async () => {
  await purgeTenant(system.db, tenant.id);
  await Promise.all([system.close(), app.close()]);
});

describe("payments", () => {
  // Property 18: Payment Status Auto-Assignment
  test.prop([fc.option(instant, { nil: undefined }), fc.integer({ min: 1, max: 10_000_000 }), fc.boolean()], {
    numRuns: 100,
  })("a payment created with a payment date is paid, without one pending", async (paidAt, amount, withPeriod) => {
    const customer = await seedCustomer(system.db, tenant.id, planId);
    const ctx = userContext(tenant, app.db, "operator");
    const created = await createPayment(
      ctx,
      {
        customerId: customer.id,
        amount,
        period: withPeriod ? "2026-07" : undefined,
        paymentDate: paidAt?.toISOString(),
      },
      LATER,
    );
    expect(created.status).toBe(paidAt ? "paid" : "pending");
    expect(created.paymentDate).toBe(paidAt ? paidAt.toISOString() : null);
    expect(created.amount).toBe(amount);
  });

  // Property 19: Due Date Calculation Consistency
  test.prop([zone, fc.integer({ min: 1, max: 28 }), fc.option(period, { nil: undefined }), instant], { numRuns: 100 })(
    "without a due date, it is the customer's billing day in the period (or the tenant's current month)",
    async (tz, billingDay, forPeriod, now) => {
      const customer = await seedCustomer(system.db, tenant.id, planId, { billingDay });
      const ctx = userContext({ ...tenant, timezone: tz }, app.db, "admin");
      const created = await createPayment(ctx, { customerId: customer.id, amount: 1000, period: forPeriod }, now);
      const month = forPeriod ?? localMonth(now, tz);
      expect(created.dueDate).toBe(`${month}-${String(billingDay).padStart(2, "0")}`);
    },
  );

  // Property 21: Payment Date Recording on Status Change
  test.prop([fc.boolean(), fc.option(instant, { nil: undefined }), instant], { numRuns: 100 })(
    "becoming paid sets the payment date — the given one, else the current time — when none was set",
    async (overdueFirst, given, now) => {
      const customer = await seedCustomer(system.db, tenant.id, planId);
      const ctx = userContext(tenant, app.db, "operator");
      const created = await createPayment(ctx, { customerId: customer.id, amount: 5000, dueDate: "2026-01-10" });
      if (overdueFirst) await updatePaymentStatus(ctx, created.id, { status: "overdue" });
      const usable = given && given.getTime() <= now.getTime() ? given : undefined;
      const paid = await updatePaymentStatus(
        ctx,
        created.id,
        { status: "paid", paymentDate: usable?.toISOString() },
        now,
      );
      expect(paid.status).toBe("paid");
      expect(paid.paymentDate).toBe((usable ?? now).toISOString());
    },
  );
});
