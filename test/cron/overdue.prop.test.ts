import { fc, test } from "@fast-check/vitest";
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect } from "vitest";
import type { DbHandle } from "../../src/db/client";
import { auditLogs, PAYMENT_STATUSES, payments, tenants } from "../../src/db/schema";
import { markOverduePayments } from "../../src/services/billing/overdue";
import { insertTenant, purgeTenant, seedCustomer, seedPlan } from "../support/billing-seed";
import { testDb } from "../support/db";

/** Indonesia has no daylight saving: each zone is a fixed offset, an oracle independent of Intl. */
const ZONES = { "Asia/Jakarta": 7, "Asia/Pontianak": 7, "Asia/Makassar": 8, "Asia/Jayapura": 9 } as const;
type Zone = keyof typeof ZONES;
const localDay = (at: Date, tz: Zone) => new Date(at.getTime() + ZONES[tz] * 3_600_000).toISOString().slice(0, 10);
const DAY = 86_400_000;

let system: DbHandle;
let tenantId: string;
let customerId: string;

beforeAll(async () => {
  system = testDb("system");
  tenantId = (await insertTenant(system.db)).id;
  const plan = await seedPlan(system.db, tenantId);
  customerId = (await seedCustomer(system.db, tenantId, plan.id)).id;
});

afterAll(async () => {
  await purgeTenant(system.db, tenantId);
  await system.close();
});

describe("overdue job", () => {
  // Property 20: Overdue Status Auto-Update
  test.prop(
    [
      fc.constantFrom(...(Object.keys(ZONES) as Zone[])),
      fc.date({ min: new Date("2025-01-01T00:00:00Z"), max: new Date("2027-12-31T23:59:59Z"), noInvalidDate: true }),
      fc.array(
        fc.record({
          status: fc.constantFrom(...PAYMENT_STATUSES),
          /** Due dates within a few days either side of "now", so the boundary is hit often. */
          dueOffsetDays: fc.integer({ min: -40, max: 3 }),
        }),
        { maxLength: 6 },
      ),
    ],
    { numRuns: 100 },
  )(
    "every pending payment whose due date is before the tenant's today becomes overdue, nothing else changes; a rerun changes nothing",
    async (tz, now, specs) => {
      const db = system.db;
      await db.delete(payments).where(eq(payments.tenantId, tenantId));
      await db.update(tenants).set({ timezone: tz }).where(eq(tenants.id, tenantId));
      const today = localDay(now, tz);
      const rows = specs.map((s, i) => ({
        tenantId,
        customerId,
        invoiceNumber: `T-${now.getTime()}-${i}-${Math.random()}`,
        amount: 1000,
        status: s.status,
        paymentDate: s.status === "paid" ? now : null,
        dueDate: new Date(Date.parse(`${today}T00:00:00Z`) + s.dueOffsetDays * DAY).toISOString().slice(0, 10),
      }));
      const inserted = rows.length ? await db.insert(payments).values(rows).returning() : [];
      const shouldFlip = inserted.filter((p) => p.status === "pending" && p.dueDate < today);

      const first = await markOverduePayments(db, now, { tenantId });
      expect(first.updated).toBe(shouldFlip.length);

      const after = inserted.length
        ? await db
            .select()
            .from(payments)
            .where(
              inArray(
                payments.id,
                inserted.map((p) => p.id),
              ),
            )
        : [];
      for (const p of inserted) {
        const row = after.find((a) => a.id === p.id);
        const flipped = shouldFlip.some((f) => f.id === p.id);
        expect(row?.status, `${p.status} due ${p.dueDate}, today ${today}`).toBe(flipped ? "overdue" : p.status);
      }
      if (shouldFlip.length) {
        const audits = await db
          .select()
          .from(auditLogs)
          .where(
            inArray(
              auditLogs.entityId,
              shouldFlip.map((p) => p.id),
            ),
          );
        expect(audits.map((a) => a.action)).toEqual(shouldFlip.map(() => "status_change"));
      }

      expect(await markOverduePayments(db, now, { tenantId })).toEqual({ updated: 0 });
    },
  );
});
