import { fc, test } from "@fast-check/vitest";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../src/db/client";
import { auditLogs, customers, infrastructureItems, servicePlans, tickets } from "../../src/db/schema";
import { testDb } from "../support/db";
import { uniqueSlug } from "../support/harness";
import { insertBareTenant, seedTenantRows } from "../support/seed-rows";

const counts = fc.record({
  plans: fc.integer({ min: 0, max: 3 }),
  customersPerPlan: fc.integer({ min: 0, max: 3 }),
  items: fc.integer({ min: 0, max: 3 }),
  ticketsPerCustomer: fc.integer({ min: 0, max: 2 }),
  audits: fc.integer({ min: 0, max: 3 }),
});

const TABLES = { servicePlans, customers, tickets, infrastructureItems, auditLogs } as const;

let system: DbHandle;
let app: DbHandle;
let tenantA: string;
let tenantB: string;

beforeAll(async () => {
  system = testDb("system");
  app = testDb("app");
  tenantA = await insertBareTenant(system.db, uniqueSlug("iso-a"));
  tenantB = await insertBareTenant(system.db, uniqueSlug("iso-b"));
});

afterAll(async () => {
  for (const id of [tenantA, tenantB]) {
    await system.db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('app.purge_tenant', ${id}, true)`);
      await tx.execute(sql`delete from tenants where id = ${id}`);
    });
  }
  await Promise.all([system.close(), app.close()]);
});

describe("tenant isolation (row-level security, the second wall)", () => {
  // Property 1: Tenant Data Isolation
  test.prop([counts, counts], { numRuns: 100 })(
    "a query with no tenant filter, inside tenant A's transaction on the app role, sees only A's rows",
    async (forA, forB) => {
      const run = crypto.randomUUID().slice(0, 8);
      await seedTenantRows(system.db, tenantA, forA, `a${run}`);
      await seedTenantRows(system.db, tenantB, forB, `b${run}`);

      await app.db.transaction(async (tx) => {
        await tx.execute(sql`select set_config('app.tenant_id', ${tenantA}, true)`);
        for (const [name, table] of Object.entries(TABLES)) {
          const rows = await tx.select({ tenantId: table.tenantId }).from(table); // deliberately unfiltered
          const foreign = rows.filter((r) => r.tenantId !== tenantA);
          expect(foreign, `${name} leaked rows of another tenant`).toEqual([]);
        }
        const plans = await tx.select({ name: servicePlans.name }).from(servicePlans);
        expect(plans.filter((p) => p.name.startsWith(`a${run}-`))).toHaveLength(forA.plans);
        expect(plans.filter((p) => p.name.startsWith(`b${run}-`))).toHaveLength(0);
      });
    },
  );

  it("sees nothing at all when no tenant is set", async () => {
    await seedTenantRows(
      system.db,
      tenantA,
      { plans: 1, customersPerPlan: 1, items: 1, ticketsPerCustomer: 1, audits: 1 },
      "none",
    );
    for (const table of Object.values(TABLES)) {
      const rows = await app.db.select({ tenantId: table.tenantId }).from(table);
      expect(rows).toEqual([]);
    }
  });

  it("refuses to write a row into another tenant, and to move a row out of its tenant", async () => {
    const [plan] = await system.db
      .insert(servicePlans)
      .values({
        tenantId: tenantA,
        name: `move-${crypto.randomUUID()}`,
        speedDownloadMbps: 10,
        speedUploadMbps: 5,
        price: 100_000,
      })
      .returning({ id: servicePlans.id });
    const planId = plan?.id as string;
    const asA = <T>(fn: (tx: Parameters<Parameters<typeof app.db.transaction>[0]>[0]) => Promise<T>) =>
      app.db.transaction(async (tx) => {
        await tx.execute(sql`select set_config('app.tenant_id', ${tenantA}, true)`);
        return fn(tx);
      });
    await expect(
      asA((tx) =>
        tx
          .insert(servicePlans)
          .values({ tenantId: tenantB, name: "intruder", speedDownloadMbps: 1, speedUploadMbps: 1, price: 1 }),
      ),
    ).rejects.toThrow();
    await expect(
      asA((tx) => tx.update(servicePlans).set({ tenantId: tenantB }).where(eq(servicePlans.id, planId))),
    ).rejects.toThrow();
  });

  it("cannot write the tenant directory or rewrite the audit log from the app role", async () => {
    await expect(app.db.execute(sql`update tenants set name = 'x' where id = ${tenantB}`)).rejects.toThrow();
    await expect(
      app.db.transaction(async (tx) => {
        await tx.execute(sql`select set_config('app.tenant_id', ${tenantA}, true)`);
        await tx.execute(sql`update audit_logs set action = 'forged' where tenant_id = ${tenantA}`);
      }),
    ).rejects.toThrow();
  });
});
