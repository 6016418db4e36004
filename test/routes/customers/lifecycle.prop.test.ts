import { fc, test } from "@fast-check/vitest";
import { and, count, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect } from "vitest";
import type { DbHandle } from "../../../src/db/client";
import { customers } from "../../../src/db/schema";
import { api, describe as show } from "../../support/api";
import { testDb } from "../../support/db";
import { createTestTenant, loginAs, type TestTenant } from "../../support/harness";
import { createPlan, type Page, type PlanBody } from "../service-plans/fixtures";
import { insertCustomer } from "../speed-boosts/fixtures";
import type { CustomerBody } from "./fixtures";

let tenant: TestTenant & { remove(): Promise<void> };
let headers: Record<string, string>;
let system: DbHandle;
let plan: PlanBody;

beforeAll(async () => {
  tenant = await createTestTenant({ keep: true });
  headers = (await loginAs(tenant)).headers;
  system = testDb("system");
  plan = await createPlan(headers);
});

afterAll(async () => {
  await system.close();
  await tenant.remove();
});

interface Stats {
  total: number;
  active: number;
  suspended: number;
  terminated: number;
}

const STATUSES = ["active", "suspended", "terminated"] as const;

describe("customer lifecycle properties", () => {
  // Property 14: Soft Delete Preservation
  test.prop([fc.string({ minLength: 1, maxLength: 30 }), fc.constantFrom(...STATUSES)], { numRuns: 100 })(
    "a deleted customer stays in the database with deleted_at, and leaves GET and lists",
    async (name, status) => {
      const id = await insertCustomer(system.db, tenant.id, plan.id, { name, status });
      const del = await api(`/api/v1/customers/${id}`, { method: "DELETE", headers });
      expect(del.status, show(del)).toBe(204);

      const [row] = await system.db.select().from(customers).where(eq(customers.id, id));
      expect(row?.deletedAt).toBeInstanceOf(Date);
      expect(row).toMatchObject({ name, status, tenantId: tenant.id });
      expect((await api(`/api/v1/customers/${id}`, { headers })).status).toBe(404);
      const listed = await api<Page<CustomerBody>>(`/api/v1/customers?search=${row?.customerCode}`, { headers });
      expect(listed.body.data).toEqual([]);
    },
  );

  // Property 15: Statistics Aggregation Accuracy
  test.prop(
    [
      fc.array(fc.record({ status: fc.constantFrom(...STATUSES), deleted: fc.boolean() }), { maxLength: 3 }),
      fc.constantFrom(...STATUSES),
    ],
    { numRuns: 100 },
  )("per-status counts add up to the total and match the live rows, and the lists agree", async (rows, probe) => {
    for (const { status, deleted } of rows) {
      const id = await insertCustomer(system.db, tenant.id, plan.id, { status });
      if (deleted) await system.db.update(customers).set({ deletedAt: new Date() }).where(eq(customers.id, id));
    }
    const res = await api<Stats>("/api/v1/customers/stats", { headers });
    expect(res.status, show(res)).toBe(200);
    const s = res.body;
    expect(s.active + s.suspended + s.terminated).toBe(s.total);
    // Independent oracle: the live rows, counted in the database.
    const live = await system.db
      .select({ status: customers.status, n: count() })
      .from(customers)
      .where(and(eq(customers.tenantId, tenant.id), isNull(customers.deletedAt)))
      .groupBy(customers.status);
    const of = (st: string) => live.find((l) => l.status === st)?.n ?? 0;
    expect(s).toEqual({
      total: of("active") + of("suspended") + of("terminated"),
      active: of("active"),
      suspended: of("suspended"),
      terminated: of("terminated"),
    });
    const list = await api<Page<CustomerBody>>(`/api/v1/customers?limit=1&status=${probe}`, { headers });
    expect(list.body.meta.total).toBe(s[probe]);
  });
});
