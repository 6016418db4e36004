import { fc, test } from "@fast-check/vitest";
import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../../src/db/client";
import { auditLogs, customers, domainEvents, speedBoosts } from "../../../src/db/schema";
import { expireSpeedBoosts } from "../../../src/services/speed-boosts/expire";
import { api, describe as show } from "../../support/api";
import { testDb } from "../../support/db";
import { createTestTenant, loginAs, uniqueSlug } from "../../support/harness";
import { insertBareTenant } from "../../support/seed-rows";
import type { CustomerBody } from "../customers/fixtures";
import { createCustomer } from "../customers/fixtures";
import { createPlan } from "../service-plans/fixtures";
import { type BoostBody, insertCustomer, insertPlan, requestBoost } from "./fixtures";

/**
 * The job runs across all tenants, so this file works in the past: the property's clock is fixed at
 * T and its boosts end around it; real boosts of other test files end in the future and are never
 * due at T. Boosts left active by a run end after T and stay untouched by later runs at T.
 */
const T = new Date("2020-06-15T00:00:00.000Z");
const DAY = 86_400_000;

let system: DbHandle;
const tenants: string[] = [];
const plans: Record<string, { base: string; fast: string }> = {};

beforeAll(async () => {
  system = testDb("system");
  for (const prefix of ["exp-a", "exp-b"]) {
    const id = await insertBareTenant(system.db, uniqueSlug(prefix));
    tenants.push(id);
    plans[id] = {
      base: await insertPlan(system.db, id, { speedDownloadMbps: 10 }),
      fast: await insertPlan(system.db, id, { speedDownloadMbps: 50 }),
    };
  }
});

afterAll(async () => {
  for (const id of tenants) {
    await system.db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('app.purge_tenant', ${id}, true)`);
      await tx.execute(sql`delete from tenants where id = ${id}`);
    });
  }
  await system.close();
});

/** An active boost (and its customer on the boost plan) ending `endOffsetMs` from T. */
async function activeBoost(tenantIndex: number, endOffsetMs: number, days: number) {
  const tenantId = tenants[tenantIndex] as string;
  const { base, fast } = plans[tenantId] as { base: string; fast: string };
  const customerId = await insertCustomer(system.db, tenantId, base);
  await system.db.update(customers).set({ effectivePlanId: fast }).where(eq(customers.id, customerId));
  const end = new Date(T.getTime() + endOffsetMs);
  const [b] = await system.db
    .insert(speedBoosts)
    .values({
      tenantId,
      customerId,
      currentPlanId: base,
      boostPlanId: fast,
      durationDays: days,
      price: 1000,
      status: "active",
      startDate: new Date(end.getTime() - days * DAY),
      endDate: end,
    })
    .returning({ id: speedBoosts.id });
  return { id: b?.id as string, customerId, tenantId, base, fast, due: endOffsetMs <= 0 };
}

const boostSpec = fc.record({
  tenant: fc.constantFrom(0, 1),
  // From 60 days overdue (the job ran late) to 10 days ahead; 0 = ends exactly now.
  endOffsetMs: fc.oneof(fc.integer({ min: -60 * DAY, max: 10 * DAY }), fc.constantFrom(0, -1, 1)),
  days: fc.integer({ min: 1, max: 30 }),
});

describe("speed boost expiry job", () => {
  // Property 35: Speed Boost Auto-Expiration
  test.prop([fc.array(boostSpec, { minLength: 1, maxLength: 4 })], { numRuns: 100 })(
    "every active boost past its end expires and its customer reverts to the subscribed plan, audited; once",
    async (specs) => {
      const made = [];
      for (const s of specs) made.push(await activeBoost(s.tenant, s.endOffsetMs, s.days));
      const due = made.filter((m) => m.due);

      // Two overlapping runs expire each due boost once between them; a third finds nothing.
      const runs = await Promise.all([expireSpeedBoosts(system.db, T), expireSpeedBoosts(system.db, T)]);
      expect(runs[0].expired + runs[1].expired).toBe(due.length);
      expect(await expireSpeedBoosts(system.db, T)).toEqual({ expired: 0 });

      const ids = made.map((m) => m.id);
      const rows = await system.db.select().from(speedBoosts).where(inArray(speedBoosts.id, ids));
      const people = await system.db
        .select()
        .from(customers)
        .where(
          inArray(
            customers.id,
            made.map((m) => m.customerId),
          ),
        );
      for (const m of made) {
        const b = rows.find((r) => r.id === m.id);
        const c = people.find((p) => p.id === m.customerId);
        expect(b?.status).toBe(m.due ? "expired" : "active");
        expect(c?.effectivePlanId).toBe(m.due ? null : m.fast);
        expect(c?.servicePlanId).toBe(m.base);
        if (m.due) expect(c?.provisioningState).toBe("pending");
      }

      const entityIds = [...ids, ...made.map((m) => m.customerId)];
      const audits = await system.db
        .select({
          entityId: auditLogs.entityId,
          action: auditLogs.action,
          actorType: auditLogs.actorType,
          userId: auditLogs.userId,
          tenantId: auditLogs.tenantId,
        })
        .from(auditLogs)
        .where(inArray(auditLogs.entityId, entityIds));
      const events = await system.db
        .select({ entityId: domainEvents.entityId, action: domainEvents.action, tenantId: domainEvents.tenantId })
        .from(domainEvents)
        .where(inArray(domainEvents.entityId, entityIds));
      const expected = due
        .flatMap((m) => [
          { entityId: m.id, action: "expire", tenantId: m.tenantId },
          { entityId: m.customerId, action: "plan_change", tenantId: m.tenantId },
        ])
        .sort((a, b) => a.entityId.localeCompare(b.entityId));
      const byId = (a: { entityId: string }, b: { entityId: string }) => a.entityId.localeCompare(b.entityId);
      expect(events.sort(byId)).toEqual(expected);
      expect(audits.sort(byId)).toEqual(expected.map((e) => ({ ...e, actorType: "system", userId: null })));
    },
  );

  it("through the API: an approved boost whose time is up shows as expired and the customer is back on their plan", async () => {
    const t = await createTestTenant();
    const admin = await loginAs(t);
    const base = await createPlan(admin.headers, { speedDownloadMbps: 10 });
    const fast = await createPlan(admin.headers, { speedDownloadMbps: 50 });
    const c = await createCustomer(admin.headers, base.id);
    const boost = await requestBoost(admin.headers, c.id, fast.id, 2);
    expect(
      (await api(`/api/v1/speed-boosts/${boost.id}/approve`, { method: "POST", headers: admin.headers })).status,
    ).toBe(200);
    // Pretend it was approved long ago (before T's window, so only this boost is due).
    const start = new Date("2019-01-01T00:00:00.000Z");
    await system.db
      .update(speedBoosts)
      .set({ startDate: start, endDate: new Date(start.getTime() + 2 * DAY) })
      .where(and(eq(speedBoosts.tenantId, t.id), eq(speedBoosts.id, boost.id)));

    expect(await expireSpeedBoosts(system.db, new Date("2019-06-01T00:00:00.000Z"))).toEqual({ expired: 1 });
    const after = await api<BoostBody>(`/api/v1/speed-boosts/${boost.id}`, { headers: admin.headers });
    expect(after.body.status, show(after)).toBe("expired");
    const customer = await api<CustomerBody>(`/api/v1/customers/${c.id}`, { headers: admin.headers });
    expect(customer.body).toMatchObject({ servicePlanId: base.id, effectivePlanId: null });
    // And the plan can change again now that no boost is running.
    const mid = await createPlan(admin.headers, { speedDownloadMbps: 20 });
    const change = await api(`/api/v1/customers/${c.id}`, {
      method: "PATCH",
      headers: admin.headers,
      body: { servicePlanId: mid.id },
    });
    expect(change.status, show(change)).toBe(200);
  });
});
