import { fc, test } from "@fast-check/vitest";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect } from "vitest";
import type { DbHandle } from "../../src/db/client";
import { auditLogs, customers, domainEvents, payments, tenants } from "../../src/db/schema";
import { suspendForNonpayment } from "../../src/services/billing/isolir";
import { DEFAULT_SUSPEND_AFTER_DAYS } from "../../src/services/billing/settings";
import { insertTenant, purgeTenant, seedCustomer, seedPlan } from "../support/billing-seed";
import { testDb } from "../support/db";

const DAY = 86_400_000;
/** Asia/Jakarta (UTC+7, no daylight saving): the tenant's local date, an oracle independent of Intl. */
const localDay = (at: Date) => new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
const dayPlus = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

let system: DbHandle;
beforeAll(() => {
  system = testDb("system");
});
afterAll(() => system.close());

const customerArb = fc.record({
  state: fc.constantFrom("active", "suspended-manual", "terminated", "deleted"),
  invoices: fc.array(
    fc.record({
      status: fc.constantFrom("pending", "overdue", "paid", "cancelled"),
      /** Days between the due date and the tenant's today (positive: past due). */
      ageDays: fc.integer({ min: -3, max: 20 }),
      applied: fc.boolean(),
      /** Issued after its due date (a month entered late by hand): overdue at birth, it never suspends (issue 11). */
      issuedLate: fc.boolean(),
    }),
    { maxLength: 3 },
  ),
});

describe("isolir (the overdue job's suspension step)", () => {
  // Issue 6: "suspended (manually or by the overdue job)"; the router side is Property 27 (test/durable-objects).
  test.prop(
    [
      fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }), // undefined: the setting is absent
      fc.boolean(), // the setting explicitly null (off), when present
      fc.array(customerArb, { minLength: 1, maxLength: 4 }),
    ],
    { numRuns: 100 },
  )(
    "an active customer with an invoice overdue past the grace days, not applied yet and not overdue when issued, is suspended for nonpayment once; nothing else changes",
    async (days, off, people) => {
      const db = system.db;
      const tenant = await insertTenant(db);
      try {
        const grace = off ? null : (days ?? DEFAULT_SUSPEND_AFTER_DAYS);
        if (off || days !== undefined)
          await db
            .update(tenants)
            .set({
              settings: sql`jsonb_build_object('billing', jsonb_build_object('suspendAfterDays', ${grace}::int))`,
            })
            .where(eq(tenants.id, tenant.id));
        const now = new Date();
        const today = localDay(now);
        const plan = await seedPlan(db, tenant.id);
        const expected = new Set<string>();
        let appliedNow = 0;
        const ids: string[] = [];
        for (const [i, p] of people.entries()) {
          const c = await seedCustomer(db, tenant.id, plan.id, {
            customerCode: `C-${i}`,
            status:
              p.state === "active" || p.state === "deleted"
                ? "active"
                : p.state === "terminated"
                  ? "terminated"
                  : "suspended",
            suspensionCause: p.state === "suspended-manual" ? "manual" : null,
            deletedAt: p.state === "deleted" ? new Date() : null,
          });
          ids.push(c.id);
          for (const [k, inv] of p.invoices.entries()) {
            await db.insert(payments).values({
              tenantId: tenant.id,
              customerId: c.id,
              invoiceNumber: `INV-${i}-${k}`,
              amount: 150_000,
              dueDate: dayPlus(today, -inv.ageDays),
              // 12:00 local on the issue day: the due day + 1 (late) or 20 days before it.
              createdAt: new Date(Date.parse(`${dayPlus(today, -inv.ageDays + (inv.issuedLate ? 1 : -20))}T05:00:00Z`)),
              status: inv.status,
              paymentDate: inv.status === "paid" ? now : null,
              suspensionAppliedAt: inv.applied ? now : null,
            });
            const triggers =
              inv.status === "overdue" && !inv.applied && !inv.issuedLate && grace !== null && inv.ageDays > grace;
            if (triggers) appliedNow++;
            if (triggers && p.state === "active") expected.add(c.id);
          }
        }
        const first = await suspendForNonpayment(db, now, { tenantId: tenant.id });
        const second = await suspendForNonpayment(db, now, { tenantId: tenant.id });
        expect(first).toEqual({ suspended: expected.size, invoices: appliedNow });
        expect(second).toEqual({ suspended: 0, invoices: 0 });
        const rows = await db
          .select({
            id: customers.id,
            status: customers.status,
            cause: customers.suspensionCause,
            state: customers.provisioningState,
          })
          .from(customers)
          .where(eq(customers.tenantId, tenant.id));
        for (const r of rows) {
          const p = people[ids.indexOf(r.id)];
          if (expected.has(r.id))
            expect(r).toMatchObject({ status: "suspended", cause: "nonpayment", state: "pending" });
          else if (p?.state === "suspended-manual") expect(r).toMatchObject({ status: "suspended", cause: "manual" });
          else if (p?.state === "terminated") expect(r).toMatchObject({ status: "terminated", cause: null });
          else expect(r).toMatchObject({ status: "active", cause: null });
        }
        // One audit row and one outbox event per suspended customer, nothing else.
        const audited = await db
          .select({ entityId: auditLogs.entityId })
          .from(auditLogs)
          .where(and(eq(auditLogs.tenantId, tenant.id), eq(auditLogs.entityType, "customer")));
        const announced = await db
          .select({ entityId: domainEvents.entityId, data: domainEvents.data })
          .from(domainEvents)
          .where(and(eq(domainEvents.tenantId, tenant.id), eq(domainEvents.entityType, "customer")));
        expect(audited.map((a) => a.entityId).sort()).toEqual([...expected].sort());
        expect(announced.map((e) => e.entityId).sort()).toEqual([...expected].sort());
      } finally {
        await purgeTenant(db, tenant.id);
      }
    },
  );
});
