import { fc, test } from "@fast-check/vitest";
import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../src/db/client";
import { auditLogs, customers, domainEvents, jobs, payments, tenants } from "../../src/db/schema";
import { runMonthlyBilling } from "../../src/services/billing/monthly-billing";
import { periodInvoiceNumber } from "../../src/services/payments/invoice-number";
import { insertTenant, purgeTenant, seedCustomer, seedPlan } from "../support/billing-seed";
import { testDb } from "../support/db";

/** Indonesia has no daylight saving: each zone is a fixed offset, an oracle independent of Intl. */
const ZONES = { "Asia/Jakarta": 7, "Asia/Pontianak": 7, "Asia/Makassar": 8, "Asia/Jayapura": 9 } as const;
type Zone = keyof typeof ZONES;
const localDay = (at: Date, tz: Zone) => new Date(at.getTime() + ZONES[tz] * 3_600_000).toISOString().slice(0, 10);
const localMonth = (at: Date, tz: Zone) => localDay(at, tz).slice(0, 7);

const customerSpec = fc.record({
  status: fc.constantFrom("active", "active", "suspended", "terminated" as const),
  deleted: fc.boolean(),
  billingDay: fc.integer({ min: 1, max: 28 }),
  monthlyFee: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 2_000_000 })),
  billedByHand: fc.boolean(),
  /**
   * Installation date against the period's due date: a line installed after it is billed from the
   * next period. Without an installation date the day of creation counts, in the tenant's zone.
   */
  installed: fc.constantFrom(
    "unknown",
    "long-ago",
    "on-due-day",
    "after-due-day",
    "unknown-created-on-due-day",
    "unknown-created-after-due-day" as const,
  ),
});

/** `YYYY-MM-DD` of the due date, shifted by `days`. */
const dueDay = (period: string, billingDay: number, days = 0) =>
  new Date(Date.UTC(Number(period.slice(0, 4)), Number(period.slice(5, 7)) - 1, billingDay + days))
    .toISOString()
    .slice(0, 10);
/** The instant of `HH:MM` local time on `day` (`YYYY-MM-DD`) in `tz`. */
const localInstant = (day: string, time: string, tz: Zone) =>
  new Date(new Date(`${day}T${time}:00Z`).getTime() - ZONES[tz] * 3_600_000);
const LONG_AGO = new Date("2020-01-01T00:00:00Z");
/**
 * The customer's installation date and creation time. The created-on cases sit at the edges of the
 * local day: 23:30 on the due day and 00:30 the day after (still the due day in UTC).
 */
const INSTALLED = {
  unknown: () => ({ installationDate: null, createdAt: LONG_AGO }),
  "long-ago": () => ({ installationDate: "2020-01-01" }),
  "on-due-day": (p: string, d: number) => ({ installationDate: dueDay(p, d) }),
  "after-due-day": (p: string, d: number) => ({ installationDate: dueDay(p, d, 1) }),
  "unknown-created-on-due-day": (p: string, d: number, tz: Zone) => ({
    installationDate: null,
    createdAt: localInstant(dueDay(p, d), "23:30", tz),
  }),
  "unknown-created-after-due-day": (p: string, d: number, tz: Zone) => ({
    installationDate: null,
    createdAt: localInstant(dueDay(p, d, 1), "00:30", tz),
  }),
} as const;
const billedFromNextPeriod = new Set(["after-due-day", "unknown-created-after-due-day"]);

let system: DbHandle;
let tenantId: string;
let planId: string;

beforeAll(async () => {
  system = testDb("system");
  tenantId = (await insertTenant(system.db)).id;
  planId = (await seedPlan(system.db, tenantId)).id;
});

afterAll(async () => {
  await purgeTenant(system.db, tenantId);
  await system.close();
});

/** The tenant's recorded billing runs (`jobs` rows of type billing.run), as their results. */
async function billingRuns(tenant: string) {
  const rows = await system.db
    .select({ result: jobs.result })
    .from(jobs)
    .where(
      and(
        eq(jobs.tenantId, tenant),
        eq(jobs.type, "billing.run"),
        eq(jobs.idempotencyKey, sql`'billing:' || (${jobs.result}->>'period')`),
      ),
    );
  return rows.map((r) => r.result);
}

describe("monthly billing run", () => {
  // Property 19: Due Date Calculation Consistency (billing run), and idempotence of the run
  test.prop(
    [
      fc.constantFrom(...(Object.keys(ZONES) as Zone[])),
      fc.array(customerSpec, { maxLength: 5 }),
      fc.date({ min: new Date("2024-01-01T00:00:00Z"), max: new Date("2027-12-31T23:59:59Z"), noInvalidDate: true }),
    ],
    { numRuns: 100 },
  )(
    "bills each active customer once for the tenant-local month, due on the billing day — or a week after issue from that day on — (not one installed after it); a rerun bills nothing",
    async (tz, specs, now) => {
      const db = system.db;
      await db.delete(payments).where(eq(payments.tenantId, tenantId));
      await db.delete(jobs).where(eq(jobs.tenantId, tenantId));
      await db.delete(customers).where(eq(customers.tenantId, tenantId));
      await db.update(tenants).set({ timezone: tz }).where(eq(tenants.id, tenantId));
      const period = localMonth(now, tz);

      const made = [];
      for (const s of specs) {
        const c = await seedCustomer(db, tenantId, planId, {
          status: s.status,
          billingDay: s.billingDay,
          monthlyFee: s.monthlyFee,
          deletedAt: s.deleted ? new Date() : null,
          ...INSTALLED[s.installed](period, s.billingDay, tz),
        });
        if (s.billedByHand) {
          await db.insert(payments).values({
            tenantId,
            customerId: c.id,
            invoiceNumber: `MANUAL-${c.id}`,
            period,
            amount: 1,
            dueDate: `${period}-01`,
          });
        }
        made.push({ ...s, ...c });
      }
      const expected = made.filter(
        (c) =>
          c.status === "active" &&
          !c.deleted &&
          c.monthlyFee > 0 &&
          !c.billedByHand &&
          !billedFromNextPeriod.has(c.installed),
      );

      const first = await runMonthlyBilling(db, now, { tenantId });
      expect(first.created).toBe(expected.length);

      const rows = await db
        .select()
        .from(payments)
        .where(and(eq(payments.tenantId, tenantId), eq(payments.status, "pending")));
      const billed = rows.filter((r) => !r.invoiceNumber.startsWith("MANUAL-"));
      expect(billed).toHaveLength(expected.length);
      const today = localDay(now, tz);
      for (const c of expected) {
        const p = billed.find((r) => r.customerId === c.id);
        const due = dueDay(period, c.billingDay);
        expect(p, `customer ${c.customerCode}`).toMatchObject({
          period,
          amount: c.monthlyFee,
          // Issued on or after the billing day (issue 11): due a week (lateInvoiceDueDays) after the issue day.
          dueDate: today >= due ? dueDay(today.slice(0, 7), Number(today.slice(8)), 7) : due,
          invoiceNumber: periodInvoiceNumber(period, c.customerCode),
          paymentDate: null,
        });
      }

      if (billed.length > 0) {
        const ids = billed.map((p) => p.id);
        const audits = await db.select().from(auditLogs).where(inArray(auditLogs.entityId, ids));
        expect(audits).toHaveLength(ids.length);
        expect(audits.every((a) => a.actorType === "system" && a.action === "create" && a.userId === null)).toBe(true);
        const events = await db.select().from(domainEvents).where(inArray(domainEvents.entityId, ids));
        expect(events).toHaveLength(ids.length);
      }

      const sum = expected.reduce((a, c) => a + c.monthlyFee, 0);
      const runRecord = expected.length ? [{ period, invoices: expected.length, amount: sum }] : [];
      expect(await billingRuns(tenantId)).toEqual(runRecord);

      const second = await runMonthlyBilling(db, now, { tenantId });
      expect(second.created).toBe(0);
      expect(await billingRuns(tenantId)).toEqual(runRecord);
    },
  );

  it("records each tenant's run as a job: a later run that bills a new customer adds to it, with an event", async () => {
    const db = system.db;
    const own = await insertTenant(db, { timezone: "Asia/Makassar" });
    try {
      const plan = await seedPlan(db, own.id);
      const now = new Date("2026-11-20T03:00:00Z");
      const installationDate = "2026-11-01";
      await seedCustomer(db, own.id, plan.id, { monthlyFee: 150_000, installationDate });
      await runMonthlyBilling(db, now, { tenantId: own.id });
      await seedCustomer(db, own.id, plan.id, { monthlyFee: 99_000, installationDate });
      await runMonthlyBilling(db, new Date("2026-11-21T03:00:00Z"), { tenantId: own.id });
      expect(await billingRuns(own.id)).toEqual([{ period: "2026-11", invoices: 2, amount: 249_000 }]);
      const [job] = await db
        .select({ id: jobs.id, status: jobs.status, progress: jobs.progress })
        .from(jobs)
        .where(eq(jobs.tenantId, own.id));
      expect(job).toMatchObject({ status: "succeeded", progress: 100 });
      const events = await db
        .select({ action: domainEvents.action, data: domainEvents.data })
        .from(domainEvents)
        .where(and(eq(domainEvents.tenantId, own.id), eq(domainEvents.entityType, "job")))
        .orderBy(domainEvents.id);
      expect(events.map((e) => [e.action, (e.data as { invoices: number }).invoices])).toEqual([
        ["complete", 1],
        ["complete", 2],
      ]);
    } finally {
      await purgeTenant(db, own.id);
    }
  });

  it("bills a customer without installation date created after the due date from the next period", async () => {
    const db = system.db;
    const own = await insertTenant(db, { timezone: "Asia/Jayapura" });
    try {
      const plan = await seedPlan(db, own.id);
      const created = (at: string) => seedCustomer(db, own.id, plan.id, { billingDay: 15, createdAt: new Date(at) });
      // 00:30 on 16 November in Jayapura (UTC+9), still the 15th in UTC: after the due date.
      const late = await created("2026-11-15T15:30:00Z");
      const early = await created("2026-11-14T03:00:00Z");
      const billed = async () =>
        (await db.select().from(payments).where(eq(payments.tenantId, own.id)))
          .map((p) => `${p.customerId === late.id ? "late" : p.customerId === early.id ? "early" : "?"} ${p.period}`)
          .sort();
      expect(await runMonthlyBilling(db, new Date("2026-11-20T03:00:00Z"), { tenantId: own.id })).toEqual({
        created: 1,
      });
      expect(await billed()).toEqual(["early 2026-11"]);
      await runMonthlyBilling(db, new Date("2026-12-01T03:00:00Z"), { tenantId: own.id });
      expect(await billed()).toEqual(["early 2026-11", "early 2026-12", "late 2026-12"]);
    } finally {
      await purgeTenant(db, own.id);
    }
  });

  it("bills nobody of a deactivated tenant", async () => {
    const db = system.db;
    const off = await insertTenant(db);
    try {
      const plan = await seedPlan(db, off.id);
      await seedCustomer(db, off.id, plan.id);
      await db.update(tenants).set({ isActive: false }).where(eq(tenants.id, off.id));
      expect(await runMonthlyBilling(db, new Date(), { tenantId: off.id })).toEqual({ created: 0 });
    } finally {
      await purgeTenant(db, off.id);
    }
  });
});
