import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CRONS } from "../../src/cron/registry";
import { runCron } from "../../src/cron/scheduled";
import { customers, payments, tenants } from "../../src/db/schema";
import type { TenantInfo } from "../../src/services/context";
import { insertTenant, purgeTenant, seedCustomer, seedPlan } from "../support/billing-seed";
import { overdueEntryFor, testJobDeps } from "../support/jobs";

let t: ReturnType<typeof testJobDeps>;
let jakarta: TenantInfo;
let jayapura: TenantInfo;

beforeAll(async () => {
  t = testJobDeps();
  const db = t.deps.dbs.system();
  jakarta = await insertTenant(db, { timezone: "Asia/Jakarta" }); // UTC+7
  jayapura = await insertTenant(db, { timezone: "Asia/Jayapura" }); // UTC+9
});
afterAll(async () => {
  for (const x of [jakarta, jayapura]) await purgeTenant(t.deps.dbs.system(), x.id);
  await t.close();
});

/** A customer with an invoice due 1 November, issued in October: unpaid past 7 days by 9 November. */
async function owing(tenant: TenantInfo) {
  const db = t.deps.dbs.system();
  const plan = await seedPlan(db, tenant.id);
  const c = await seedCustomer(db, tenant.id, plan.id);
  const [p] = await db
    .insert(payments)
    .values({
      tenantId: tenant.id,
      customerId: c.id,
      invoiceNumber: `INV-H-${c.customerCode}`,
      amount: 150_000,
      dueDate: "2026-11-01",
      createdAt: new Date("2026-10-10T03:00:00Z"),
    })
    .returning({ id: payments.id });
  return { customerId: c.id, paymentId: p?.id ?? "" };
}

async function state(x: { customerId: string; paymentId: string }) {
  const db = t.deps.dbs.system();
  const [c] = await db.select({ status: customers.status }).from(customers).where(eq(customers.id, x.customerId));
  const [p] = await db.select({ status: payments.status }).from(payments).where(eq(payments.id, x.paymentId));
  return `${p?.status}/${c?.status}`;
}

/** The hourly cron's overdue entry, limited to `tenant`, at `iso`. */
async function hourly(tenant: TenantInfo, iso: string) {
  const [r] = await runCron(CRONS.hourly, new Date(iso), t.deps, overdueEntryFor(tenant.id));
  expect(r?.ok, r?.error).toBe(true);
}

describe("the overdue/isolir pass runs from the tenant-local isolirHour (issue 11)", () => {
  it("default 10:00 local: passes before it (midnight included) change nothing; the first at or after it does the day's work", async () => {
    const x = await owing(jakarta);
    await hourly(jakarta, "2026-11-09T17:00:00Z"); // 00:00 on the 10th in Jakarta
    await hourly(jakarta, "2026-11-10T02:00:00Z"); // 09:00
    expect(await state(x)).toBe("pending/active");
    await hourly(jakarta, "2026-11-10T03:00:00Z"); // 10:00
    expect(await state(x)).toBe("overdue/suspended");
  });

  it("a missed pass at the tenant's hour is made up by the next one; the hour is each tenant's own, in its own zone", async () => {
    const x = await owing(jayapura);
    await t.deps.dbs
      .system()
      .update(tenants)
      .set({
        settings: sql`jsonb_build_object('billing', jsonb_build_object('suspendAfterDays', 7, 'isolirHour', 14))`,
      })
      .where(eq(tenants.id, jayapura.id));
    await hourly(jayapura, "2026-11-10T01:00:00Z"); // 10:00 in Jayapura: before its 14:00
    expect(await state(x)).toBe("pending/active");
    // 14:00 (05:00Z) missed; 16:00 local catches up.
    await hourly(jayapura, "2026-11-10T07:00:00Z");
    expect(await state(x)).toBe("overdue/suspended");
  });
});
