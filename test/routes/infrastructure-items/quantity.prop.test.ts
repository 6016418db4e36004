import { fc, test } from "@fast-check/vitest";
import { and, asc, eq } from "drizzle-orm";
import { describe, expect } from "vitest";
import { alerts, auditLogs } from "../../../src/db/schema";
import { ConflictError } from "../../../src/services/errors";
import { adjustItemQuantity } from "../../../src/services/inventory/adjust-quantity";
import { createItem } from "../../../src/services/inventory/create";
import { useAdminTenant } from "../../support/admin-tenant";

const fx = useAdminTenant();
const ctx = () => fx.ctx();
const item = (quantity: number, minimumQuantity: number) =>
  createItem(ctx(), { name: "Kabel drop", type: "cable", unit: "meter", quantity, minimumQuantity });
const step = fc.oneof(
  fc.record({ delta: fc.integer({ min: -30, max: 30 }).filter((d) => d !== 0) }),
  fc.record({ quantity: fc.nat({ max: 60 }) }),
);
type Step = { delta: number } | { quantity: number };
const apply = (q: number, s: Step) => ("delta" in s ? q + s.delta : s.quantity);

/** Runs the steps; a step that would go below zero must be refused and change nothing. */
async function run(id: string, q0: number, steps: Step[], after?: (q: number) => Promise<void>) {
  let q = q0;
  const accepted: { old: number; new: number; reason: string }[] = [];
  for (const [i, s] of steps.entries()) {
    const next = apply(q, s);
    const attempt = adjustItemQuantity(ctx(), id, { ...s, reason: `step ${i}` });
    if (next < 0) {
      await expect(attempt).rejects.toBeInstanceOf(ConflictError);
    } else {
      expect((await attempt).quantity).toBe(next);
      accepted.push({ old: q, new: next, reason: `step ${i}` });
      q = next;
    }
    await after?.(q);
  }
  return accepted;
}

describe("inventory quantity", () => {
  // Property 48: Quantity Change Audit Tracking
  test.prop([fc.integer({ min: 1, max: 50 }), fc.array(step, { maxLength: 6 })], { numRuns: 100 })(
    "every accepted quantity change leaves one audit entry with the old and new quantity and the reason",
    async (q0, steps) => {
      const created = await item(q0, 0);
      const accepted = await run(created.id, q0, steps);
      const rows = await fx.system.db
        .select({ changes: auditLogs.changes, userId: auditLogs.userId })
        .from(auditLogs)
        .where(and(eq(auditLogs.entityId, created.id), eq(auditLogs.action, "quantity_change")))
        .orderBy(asc(auditLogs.createdAt));
      expect(rows.map((r) => r.changes as { quantity: unknown; reason: string })).toEqual(
        accepted.map((a) => expect.objectContaining({ quantity: { old: a.old, new: a.new }, reason: a.reason })),
      );
      for (const r of rows) expect(r.userId).toBe(fx.adminId);
    },
  );

  // Property 49: Low Stock Alert Generation
  test.prop([fc.integer({ min: 1, max: 50 }), fc.nat({ max: 50 }), fc.array(step, { maxLength: 6 })], { numRuns: 100 })(
    "exactly one unresolved low-stock alert exists while stock is below the minimum, none otherwise; one per dip",
    async (q0, minimum, steps) => {
      const created = await item(q0, minimum);
      const unresolved = async () =>
        (
          await fx.system.db
            .select({ status: alerts.status })
            .from(alerts)
            .where(and(eq(alerts.entityId, created.id), eq(alerts.type, "low_stock")))
        ).filter((a) => a.status !== "resolved").length;
      expect(await unresolved()).toBe(q0 < minimum ? 1 : 0);
      let dips = q0 < minimum ? 1 : 0;
      let low = q0 < minimum;
      await run(created.id, q0, steps, async (q) => {
        if (q < minimum && !low) dips += 1;
        low = q < minimum;
        expect(await unresolved()).toBe(low ? 1 : 0);
      });
      const all = await fx.system.db.select().from(alerts).where(eq(alerts.entityId, created.id));
      expect(all).toHaveLength(dips);
    },
  );
});
