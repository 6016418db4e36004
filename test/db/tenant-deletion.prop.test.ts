import { fc, test } from "@fast-check/vitest";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect } from "vitest";
import type { DbHandle } from "../../src/db/client";
import { api, describe as explain, platformHeaders } from "../support/api";
import { testDb } from "../support/db";
import { uniqueSlug } from "../support/harness";
import { insertBareTenant, seedTenantRows } from "../support/seed-rows";

const counts = fc.record({
  plans: fc.integer({ min: 0, max: 2 }),
  customersPerPlan: fc.integer({ min: 0, max: 3 }),
  items: fc.integer({ min: 0, max: 2 }),
  ticketsPerCustomer: fc.integer({ min: 0, max: 2 }),
  audits: fc.integer({ min: 0, max: 3 }),
});

let system: DbHandle;
let tenantTables: string[];
let bystander: string;

/** Rows per tenant-owned table for one tenant, read on the privileged path. */
async function footprint(tenantId: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of tenantTables) {
    const res = await system.db.execute<{ n: number }>(
      sql`select count(*)::int as n from ${sql.identifier(table)} where tenant_id = ${tenantId}`,
    );
    out[table] = Number(res.rows[0]?.n ?? 0);
  }
  return out;
}

beforeAll(async () => {
  system = testDb("system");
  const res = await system.db.execute<{ table_name: string }>(sql`
    select c.table_name from information_schema.columns c
    join information_schema.tables t on t.table_name = c.table_name and t.table_schema = c.table_schema
    where c.table_schema = 'public' and c.column_name = 'tenant_id' and t.table_type = 'BASE TABLE'
    order by 1`);
  tenantTables = res.rows.map((r) => r.table_name);
  bystander = await insertBareTenant(system.db, uniqueSlug("keep"));
  await seedTenantRows(
    system.db,
    bystander,
    { plans: 2, customersPerPlan: 2, items: 2, ticketsPerCustomer: 1, audits: 2 },
    "keep",
  );
  // Crons of other test files write for every active tenant (a backup job, invoices): an inactive
  // bystander keeps its row counts still for as long as this file compares them.
  await system.db.execute(sql`update tenants set is_active = false where id = ${bystander}`);
});

afterAll(async () => {
  await api(`/api/v1/platform/tenants/${bystander}`, { method: "DELETE", headers: platformHeaders() });
  await system.close();
});

describe("tenant deletion", () => {
  // Property 2: Tenant Deletion Isolation
  test.prop([counts], { numRuns: 100 })(
    "deleting a tenant removes all of its rows and none of another tenant's",
    async (n) => {
      const victim = await insertBareTenant(system.db, uniqueSlug("del"));
      await seedTenantRows(system.db, victim, n, `v${crypto.randomUUID().slice(0, 8)}`);
      const before = await footprint(bystander);

      const res = await api(`/api/v1/platform/tenants/${victim}`, { method: "DELETE", headers: platformHeaders() });
      expect(res.status, explain(res)).toBe(204);

      const left = await footprint(victim);
      expect(
        Object.values(left).reduce((a, b) => a + b, 0),
        JSON.stringify(left),
      ).toBe(0);
      const tenantRow = await system.db.execute(sql`select 1 from tenants where id = ${victim}`);
      expect(tenantRow.rows).toHaveLength(0);
      expect(await footprint(bystander)).toEqual(before);
    },
  );
});
