import { fc, test } from "@fast-check/vitest";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../../src/db/client";
import { auditLogs, customers, infrastructureItems, payments, tickets } from "../../../src/db/schema";
import type { Role, TenantInfo } from "../../../src/services/context";
import { EXPORT_ENTITIES, EXPORTS, type ExportEntity } from "../../../src/services/exports/entities";
import { startExport } from "../../../src/services/exports/export";
import { roleCan } from "../../../src/services/permissions";
import { api, describe as describeRes } from "../../support/api";
import { insertTenant, purgeTenant, seedCustomer, seedPlan, userContext } from "../../support/billing-seed";
import { csvRecords, parseCsv } from "../../support/csv";
import { testDb } from "../../support/db";
import { createTestTenant, loginAs, type TestTenant } from "../../support/harness";

/** Indonesia has no daylight saving: each zone is a fixed offset, an oracle independent of Intl. */
const ZONES = { "Asia/Jakarta": 7, "Asia/Pontianak": 7, "Asia/Makassar": 8, "Asia/Jayapura": 9 } as const;
type Zone = keyof typeof ZONES;
const localDay = (at: Date, tz: Zone) => new Date(at.getTime() + ZONES[tz] * 3_600_000).toISOString().slice(0, 10);
const TABLES: Record<ExportEntity, string> = {
  customers: "customers",
  payments: "payments",
  tickets: "tickets",
  "infrastructure-items": "infrastructure_items",
  "audit-logs": "audit_logs",
};
/** Columns no export may contain: the tenant (implicit) and secrets. */
const NEVER = new Set(["tenant_id", "pppoe_password_enc"]);
/** Postgres text cannot hold NUL; anything else goes. */
const text = fc.string({ minLength: 1, maxLength: 30 }).map((s) => s.replaceAll("\0", "") || "x");

let system: DbHandle;
let app: DbHandle;
let tenant: TenantInfo;
let planId: string;

async function exportText(ctx: ReturnType<typeof userContext>, entity: ExportEntity, query = {}) {
  const { stream } = await startExport(ctx, entity, query);
  return new Response(stream).text();
}

beforeAll(async () => {
  system = testDb("system");
  app = testDb("app");
  tenant = await insertTenant(system.db);
  planId = (await seedPlan(system.db, tenant.id)).id;
});

afterAll(async () => {
  await purgeTenant(system.db, tenant.id);
  await Promise.all([system.close(), app.close()]);
});

describe("exports (service)", () => {
  it("Property 61: every entity's header is every column of its table, minus tenant_id and secrets", async () => {
    for (const entity of EXPORT_ENTITIES) {
      const result = await system.db.execute<{ column_name: string }>(
        sql`select column_name from information_schema.columns where table_schema = 'public' and table_name = ${TABLES[entity]} order by ordinal_position`,
      );
      const expected = result.rows.map((r) => r.column_name).filter((c) => !NEVER.has(c));
      const csv = await exportText(userContext(tenant, app.db, "admin"), entity);
      expect(parseCsv(csv)[0], entity).toEqual(expected);
    }
  });

  // Property 61: Export Data Completeness
  test.prop(
    [
      fc.array(fc.record({ name: text, address: text, notes: fc.option(text, { nil: null }), deleted: fc.boolean() }), {
        maxLength: 4,
      }),
      fc.integer({ min: 1, max: 3 }),
    ],
    { numRuns: 100 },
  )(
    "every live customer is a row, each value as stored (formula-like text prefixed with ')",
    async (specs, chunkSize) => {
      await system.db.delete(customers).where(eq(customers.tenantId, tenant.id));
      const made = [];
      for (const s of specs) {
        made.push({
          ...s,
          ...(await seedCustomer(system.db, tenant.id, planId, { ...s, deletedAt: s.deleted ? new Date() : null })),
        });
      }
      const { stream } = await startExport(userContext(tenant, app.db, "viewer"), "customers", {}, { chunkSize });
      const rows = csvRecords(await new Response(stream).text());
      const live = made.filter((c) => !c.deleted);
      expect(rows.map((r) => r.id).sort()).toEqual(live.map((c) => c.id).sort());
      const cell = (v: string | null) => (v === null ? "" : /^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
      for (const c of live) {
        const row = rows.find((r) => r.id === c.id);
        expect(row).toMatchObject({
          name: cell(c.name),
          address: cell(c.address),
          notes: cell(c.notes),
          customer_code: c.customerCode,
        });
        expect(row?.billing_day).toBe(String(c.billingDay));
      }
    },
  );

  // Property 62: Export Date Range Filtering
  test.prop(
    [
      fc.constantFrom(...(Object.keys(ZONES) as Zone[])),
      fc.array(fc.integer({ min: 0, max: 5 * 24 * 60 }), { maxLength: 6 }),
      fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
      fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
    ],
    { numRuns: 100 },
  )("only rows created within [from, to] (local days, inclusive) are exported", async (tz, minutes, fromDay, toDay) => {
    await system.db.delete(infrastructureItems).where(eq(infrastructureItems.tenantId, tenant.id));
    const base = Date.parse("2026-03-01T00:00:00Z") - ZONES[tz] * 3_600_000; // local midnight, 1 March
    const items = minutes.map((m, i) => ({ name: `item-${i}`, createdAt: new Date(base + m * 60_000) }));
    if (items.length) {
      await system.db.insert(infrastructureItems).values(
        items.map((it) => ({
          ...it,
          tenantId: tenant.id,
          type: "cable" as const,
          unit: "meter" as const,
          quantity: 1,
        })),
      );
    }
    const day = (n: number) => `2026-03-0${n + 1}`;
    const from = fromDay === undefined ? undefined : day(fromDay);
    const to = toDay === undefined ? undefined : day(toDay);
    const ctx = userContext({ ...tenant, timezone: tz }, app.db, "operator");
    if (from && to && from > to) {
      await expect(startExport(ctx, "infrastructure-items", { from, to })).rejects.toThrow(/from must not be after to/);
      return;
    }
    const names = csvRecords(await exportText(ctx, "infrastructure-items", { from, to })).map((r) => r.name);
    const expected = items
      .filter((it) => (!from || localDay(it.createdAt, tz) >= from) && (!to || localDay(it.createdAt, tz) <= to))
      .map((it) => it.name);
    expect(names.sort()).toEqual(expected.sort());
  });
});

describe("exports (through the API)", () => {
  let a: TestTenant & { remove(): Promise<void> };
  let b: TestTenant & { remove(): Promise<void> };
  const sessions = {} as Record<Role, Record<string, string>>;
  const idsOf = async (tenantId: string, entity: ExportEntity) => {
    const t = { customers, payments, tickets, "infrastructure-items": infrastructureItems, "audit-logs": auditLogs }[
      entity
    ];
    const rows = await system.db.select({ id: t.id }).from(t).where(eq(t.tenantId, tenantId));
    return new Set(rows.map((r) => r.id));
  };

  beforeAll(async () => {
    a = await createTestTenant({ keep: true });
    b = await createTestTenant({ keep: true });
    for (const t of [a, b]) {
      const plan = await seedPlan(system.db, t.id);
      const c = await seedCustomer(system.db, t.id, plan.id);
      await system.db
        .insert(payments)
        .values({ tenantId: t.id, customerId: c.id, invoiceNumber: "INV-1", amount: 1, dueDate: "2026-01-01" });
      await system.db
        .insert(tickets)
        .values({ tenantId: t.id, customerId: c.id, ticketNumber: "T-1", title: "x", description: "y" });
      await system.db
        .insert(infrastructureItems)
        .values({ tenantId: t.id, name: "FO", type: "cable", unit: "meter", quantity: 1 });
    }
    for (const role of ["admin", "operator", "technician", "viewer"] as const)
      sessions[role] = (await loginAs(a, role)).headers;
  });

  afterAll(async () => {
    await a.remove();
    await b.remove();
  });

  // Property 63: Export Permission Enforcement
  test.prop(
    [fc.constantFrom("admin", "operator", "technician", "viewer" as const), fc.constantFrom(...EXPORT_ENTITIES)],
    {
      numRuns: 100,
    },
  )("a role exports only its own tenant's rows, and only entities it may read (else 403)", async (role, entity) => {
    const res = await api<string>(`/api/v1/exports/${entity}.csv`, { headers: sessions[role] });
    const allowed = roleCan(role, "exports:read") && roleCan(role, EXPORTS[entity].permission);
    if (!allowed) {
      expect(res.status, describeRes(res)).toBe(403);
      return;
    }
    expect(res.status, describeRes(res)).toBe(200);
    const exported = csvRecords(res.text).map((r) => r.id ?? "");
    const mine = await idsOf(a.id, entity);
    const theirs = await idsOf(b.id, entity);
    expect(exported.every((id) => mine.has(id))).toBe(true);
    expect(exported.some((id) => theirs.has(id))).toBe(false);
    if (entity !== "audit-logs") expect(new Set(exported)).toEqual(mine);
    else expect(exported.length).toBeGreaterThan(0);
  });
});
