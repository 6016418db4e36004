import { fc, test } from "@fast-check/vitest";
import { and, asc, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../src/db/client";
import { customers, payments, tenants } from "../../src/db/schema";
import { runMonthlyBilling } from "../../src/services/billing/monthly-billing";
import { runOverdueJob } from "../../src/services/billing/overdue-job";
import type { TenantInfo } from "../../src/services/context";
import { updateCustomerStatus } from "../../src/services/customers/status";
import { updatePaymentStatus } from "../../src/services/payments/update-status";
import { insertTenant, purgeTenant, seedCustomer, seedPlan, userContext } from "../support/billing-seed";
import { testDb } from "../support/db";

/**
 * Issue 11, item 9: a customer restored by paying was cut off again within the hour, billed for the
 * month they spent isolated. Asia/Jakarta (UTC+7, no daylight saving): the oracle's local days and
 * hours are plain arithmetic, independent of Intl and of the code under test.
 */
const DAY = 86_400_000;
const OFFSET = 7 * 3_600_000;
const localDay = (at: Date) => new Date(at.getTime() + OFFSET).toISOString().slice(0, 10);
const localHour = (at: Date) => new Date(at.getTime() + OFFSET).getUTCHours();
const dayPlus = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
/** The instant of `hour:minute` local time on `day`. */
const at = (day: string, hour: number, minute = 0) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + (hour * 60 + minute) * 60_000 - OFFSET);
const dueOf = (period: string, billingDay: number) => `${period}-${String(billingDay).padStart(2, "0")}`;
const monthDays = (period: string) => new Date(Date.UTC(+period.slice(0, 4), +period.slice(5, 7), 0)).getUTCDate();
const daysBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / DAY);

let system: DbHandle;
let app: DbHandle;
let tenant: TenantInfo;
let planId: string;

beforeAll(async () => {
  system = testDb("system");
  app = testDb("app");
  tenant = await insertTenant(system.db, { timezone: "Asia/Jakarta" });
  planId = (await seedPlan(system.db, tenant.id)).id;
});
afterAll(async () => {
  await purgeTenant(system.db, tenant.id);
  await Promise.all([system.close(), app.close()]);
});

interface Settings {
  suspendAfterDays: number;
  lateInvoiceDueDays: number;
  isolatedPeriodBilling: "skip" | "prorata";
  isolirHour: number;
}

async function configure(s: Settings) {
  await system.db
    .update(tenants)
    .set({ settings: { billing: s } })
    .where(eq(tenants.id, tenant.id));
}

/** A fresh customer, long installed, who owes last month's invoice (issued 20 days before its due date). */
async function customerOwing(start: string, billingDay: number, monthlyFee: number) {
  const db = system.db;
  await db.delete(payments).where(eq(payments.tenantId, tenant.id));
  await db.delete(customers).where(eq(customers.tenantId, tenant.id));
  const c = await seedCustomer(db, tenant.id, planId, { billingDay, monthlyFee, installationDate: "2020-01-01" });
  const prev = localDay(new Date(Date.parse(`${start.slice(0, 7)}-01T00:00:00Z`) - DAY)).slice(0, 7);
  const due = dueOf(prev, billingDay);
  await db.insert(payments).values({
    tenantId: tenant.id,
    customerId: c.id,
    invoiceNumber: `SEED-${c.customerCode}`,
    period: prev,
    amount: monthlyFee,
    dueDate: due,
    createdAt: at(dayPlus(due, -20), 9),
  });
  return c;
}

/** The customer pays whatever they are asked, oldest first, at `now` (the real payment path). */
async function payEverything(customerId: string, now: Date) {
  const ctx = userContext(tenant, app.db);
  for (let i = 0; i < 6; i++) {
    const [open] = await system.db
      .select({ id: payments.id })
      .from(payments)
      .where(and(eq(payments.customerId, customerId), inArray(payments.status, ["pending", "overdue"])))
      .orderBy(asc(payments.dueDate), asc(payments.id))
      .limit(1);
    if (!open) return;
    await updatePaymentStatus(ctx, open.id, { status: "paid" }, now);
  }
}

const customerRow = async (id: string) => {
  const [row] = await system.db.select().from(customers).where(eq(customers.id, id));
  if (!row) throw new Error("customer gone");
  return row;
};

const stepArb = fc.record({
  gapDays: fc.integer({ min: 1, max: 12 }),
  bill: fc.boolean(),
  pay: fc.boolean(),
  payHour: fc.integer({ min: 0, max: 23 }),
  overdueHour: fc.option(fc.integer({ min: 0, max: 23 }), { nil: undefined }),
});

describe("billing around isolir", () => {
  // Property 65: Isolated Periods Are Not Billed and No Invoice Is Overdue at Birth
  test.prop(
    [
      fc.record({
        suspendAfterDays: fc.integer({ min: 0, max: 8 }),
        lateInvoiceDueDays: fc.integer({ min: 0, max: 8 }),
        isolatedPeriodBilling: fc.constantFrom("skip" as const, "prorata" as const),
        isolirHour: fc.integer({ min: 0, max: 23 }),
      }),
      fc.integer({ min: 1, max: 28 }),
      fc.integer({ min: 10_000, max: 500_000 }),
      fc.date({ min: new Date("2025-01-01T00:00:00Z"), max: new Date("2027-12-31T00:00:00Z"), noInvalidDate: true }),
      fc.array(stepArb, { minLength: 3, maxLength: 7 }),
    ],
    { numRuns: 100 },
  )(
    "over random timelines of billing runs, overdue passes and payments: a month whose due date fell inside an ended isolation is not billed (or pro rata), no invoice is overdue the day it is issued, isolir starts at the tenant's hour",
    async (settings, billingDay, fee, startAt, steps) => {
      await configure(settings);
      let day = localDay(startAt);
      const c = await customerOwing(day, billingDay, fee);
      /** Isolations seen: start instant → end instant (null while it lasts). */
      const isolations = new Map<number, Date | null>();
      const observe = async () => {
        const row = await customerRow(c.id);
        if (row.isolatedAt) isolations.set(row.isolatedAt.getTime(), row.isolationEndedAt);
      };
      for (const s of steps) {
        day = dayPlus(day, s.gapDays);
        if (s.bill) await runMonthlyBilling(system.db, at(day, 0, 5), { tenantId: tenant.id });
        const events: [number, "pay" | "overdue"][] = [];
        if (s.pay) events.push([s.payHour, "pay"]);
        if (s.overdueHour !== undefined) events.push([s.overdueHour, "overdue"]);
        events.sort((a, b) => a[0] - b[0]);
        for (const [hour, kind] of events) {
          if (kind === "pay") await payEverything(c.id, at(day, hour, 30));
          else await runOverdueJob(system.db, at(day, hour, 1), { tenantId: tenant.id });
          await observe();
        }
      }

      const rows = await system.db.select().from(payments).where(eq(payments.customerId, c.id));
      for (const p of rows) {
        const issued = localDay(p.createdAt);
        // Never overdue the day it is issued (nor the day it was re-dated), so it never suspends at birth.
        expect(p.dueDate >= issued, `${p.invoiceNumber} due ${p.dueDate}, issued ${issued}`).toBe(true);
        if (p.suspensionAppliedAt) expect(p.dueDate >= issued).toBe(true);
        const due = dueOf(p.period ?? "", billingDay);
        // Issued on or after the month's due date: due lateInvoiceDueDays after issue, at the earliest.
        if (!p.invoiceNumber.startsWith("SEED-") && issued >= due)
          expect(p.dueDate >= dayPlus(issued, settings.lateInvoiceDueDays), p.invoiceNumber).toBe(true);
      }
      for (const [startMs, end] of isolations) {
        const start = new Date(startMs);
        expect(localHour(start), "isolir before the tenant's hour").toBeGreaterThanOrEqual(settings.isolirHour);
        if (!end) continue;
        const from = localDay(start);
        const until = localDay(end);
        for (const p of rows) {
          const period = p.period ?? "";
          const due = dueOf(period, billingDay);
          if (p.status === "cancelled" || !(from <= due && due < until) || p.invoiceNumber.startsWith("SEED-"))
            continue;
          // A live invoice for a month whose due date fell inside the isolation: only pro rata, for its days with service.
          expect(settings.isolatedPeriodBilling, `${p.invoiceNumber} bills an isolated month`).toBe("prorata");
          const first = `${period}-01`;
          const next = dayPlus(first, monthDays(period));
          const isolated = Math.max(0, daysBetween([from, first].sort()[1] ?? first, [until, next].sort()[0] ?? next));
          const serviceDays = monthDays(period) - isolated;
          expect(p.amount, p.invoiceNumber).toBe(Math.round((fee * serviceDays) / monthDays(period)));
        }
      }
    },
  );

  it("the reported bug: paid after the due date of the month spent isolated, the customer is not billed for it and stays on", async () => {
    await configure({ suspendAfterDays: 7, lateInvoiceDueDays: 7, isolatedPeriodBilling: "skip", isolirHour: 10 });
    const c = await customerOwing("2026-11-01", 15, 150_000); // owes October, due 15 October
    const hourly = (day: string, hour: number) => runOverdueJob(system.db, at(day, hour), { tenantId: tenant.id });
    // 16 October: overdue; 23 October 10:00: isolated (15 + 7 < 23).
    await hourly("2026-10-16", 10);
    expect(await hourly("2026-10-23", 9)).toEqual({ updated: 0, suspended: 0, invoices: 0 }); // before the hour
    expect(await hourly("2026-10-23", 10)).toMatchObject({ suspended: 1 });
    // The daily runs of November skip the isolated customer.
    for (const d of ["2026-11-01", "2026-11-14", "2026-11-28"])
      await runMonthlyBilling(system.db, at(d, 0, 5), { tenantId: tenant.id });
    // Pays October on 28 November at 14:00: restored at once.
    await payEverything(c.id, at("2026-11-28", 14));
    expect(await customerRow(c.id)).toMatchObject({ status: "active", suspensionCause: null });
    // That night's run and the next hourly passes: November (due the 15th, spent isolated) is not billed,
    // and nothing cuts the customer off again.
    expect(await runMonthlyBilling(system.db, at("2026-11-29", 0, 5), { tenantId: tenant.id })).toEqual({ created: 0 });
    for (const [d, h] of [
      ["2026-11-28", 15],
      ["2026-11-29", 10],
      ["2026-11-30", 10],
    ] as const)
      await hourly(d, h);
    expect(await customerRow(c.id)).toMatchObject({ status: "active" });
    // December is billed as usual, due on the 15th.
    await runMonthlyBilling(system.db, at("2026-12-01", 0, 5), { tenantId: tenant.id });
    const invoices = await system.db
      .select({ period: payments.period, status: payments.status, dueDate: payments.dueDate })
      .from(payments)
      .where(eq(payments.customerId, c.id))
      .orderBy(asc(payments.dueDate));
    expect(invoices).toEqual([
      { period: "2026-10", status: "paid", dueDate: "2026-10-15" },
      { period: "2026-12", status: "pending", dueDate: "2026-12-15" },
    ]);

    // Pro rata: the same story bills November's days with service (28–30 November: 3 of 30 days).
    await configure({ suspendAfterDays: 7, lateInvoiceDueDays: 7, isolatedPeriodBilling: "prorata", isolirHour: 10 });
    const d = await customerOwing("2026-11-01", 15, 150_000);
    await hourly("2026-10-16", 10);
    await hourly("2026-10-23", 10);
    await payEverything(d.id, at("2026-11-28", 14));
    await runMonthlyBilling(system.db, at("2026-11-29", 0, 5), { tenantId: tenant.id });
    await hourly("2026-11-29", 10);
    const [november] = await system.db
      .select({ amount: payments.amount, dueDate: payments.dueDate, status: payments.status })
      .from(payments)
      .where(and(eq(payments.customerId, d.id), eq(payments.period, "2026-11")));
    expect(november).toEqual({ amount: 15_000, dueDate: "2026-12-06", status: "pending" });
    expect(await customerRow(d.id)).toMatchObject({ status: "active" });
  });

  it("a month invoiced before the isolation began and due inside it is settled when the customer pays: cancelled (skip)", async () => {
    await configure({ suspendAfterDays: 7, lateInvoiceDueDays: 7, isolatedPeriodBilling: "skip", isolirHour: 10 });
    const c = await customerOwing("2026-11-01", 25, 150_000); // owes October, due 25 October
    const hourly = (day: string) => runOverdueJob(system.db, at(day, 10), { tenantId: tenant.id });
    await hourly("2026-10-26"); // October overdue
    await runMonthlyBilling(system.db, at("2026-11-01", 0, 5), { tenantId: tenant.id }); // November, due the 25th
    await hourly("2026-11-02"); // 25 October + 7 < 2 November: isolated
    expect(await customerRow(c.id)).toMatchObject({ status: "suspended", suspensionCause: "nonpayment" });
    await hourly("2026-11-26"); // November overdue while isolated…
    await hourly("2026-12-03"); // …and past its grace: it would keep the customer cut off
    const [october] = await system.db
      .select({ id: payments.id })
      .from(payments)
      .where(and(eq(payments.customerId, c.id), eq(payments.period, "2026-10")));
    // Paying October alone on 4 December restores the customer; November, spent isolated, is waived.
    await updatePaymentStatus(userContext(tenant, app.db), october?.id ?? "", { status: "paid" }, at("2026-12-04", 11));
    expect(await customerRow(c.id)).toMatchObject({ status: "active" });
    const [november] = await system.db
      .select({ status: payments.status })
      .from(payments)
      .where(and(eq(payments.customerId, c.id), eq(payments.period, "2026-11")));
    expect(november?.status).toBe("cancelled");
  });

  it("staff reinstating an isolated customer settles such a month too: pro rata, due a week later, no longer suspending", async () => {
    await configure({ suspendAfterDays: 7, lateInvoiceDueDays: 7, isolatedPeriodBilling: "prorata", isolirHour: 10 });
    const c = await customerOwing("2026-11-01", 25, 150_000);
    const hourly = (day: string) => runOverdueJob(system.db, at(day, 10), { tenantId: tenant.id });
    await hourly("2026-10-26");
    await runMonthlyBilling(system.db, at("2026-11-01", 0, 5), { tenantId: tenant.id }); // November, due the 25th
    await hourly("2026-11-02"); // isolated 2 November
    await hourly("2026-12-03");
    // Reinstated on a promise to pay October, on 4 December: November had 1 day of service (the 1st) of 30.
    await updateCustomerStatus(userContext(tenant, app.db), c.id, { status: "active" }, at("2026-12-04", 11));
    const rows = await system.db
      .select({ period: payments.period, status: payments.status, amount: payments.amount, dueDate: payments.dueDate })
      .from(payments)
      .where(eq(payments.customerId, c.id))
      .orderBy(asc(payments.dueDate));
    expect(rows).toEqual([
      { period: "2026-10", status: "overdue", amount: 150_000, dueDate: "2026-10-25" },
      { period: "2026-11", status: "pending", amount: 5_000, dueDate: "2026-12-11" },
    ]);
    expect(await customerRow(c.id)).toMatchObject({ status: "active" });
  });
});
