import { sql } from "drizzle-orm";
import { expect, describe as group, it } from "vitest";
import type { DbHandle } from "../../../src/db/client";
import { RESTORABLE_SCHEMA_VERSIONS, SCHEMA_VERSION } from "../../../src/services/backups/format";
import { runTenantBackup } from "../../../src/services/backups/run";
import { TENANT_TABLES } from "../../../src/services/backups/tables";
import { authHeaders } from "../../durable-objects/hub-client";
import { api, describe } from "../../support/api";
import { testDb } from "../../support/db";
import { createTestTenant } from "../../support/harness";
import { staffContext } from "../../support/network-seed";
import { dumpTenant, RESYNCED, testBackupDeps } from "./fixtures";
import { addEmptyTable, dropColumn, dropTable, editRows, patchHeader, rewriteBackup } from "./rewrite";
import { seedVariety } from "./seed-variety";

/** The migration before the current one: what last week's backups were taken at. */
const versions = [...RESTORABLE_SCHEMA_VERSIONS];
const OLDER = { schemaVersion: versions.at(-2) as string, migrationCount: versions.length - 1 };

type Tenant = Awaited<ReturnType<typeof createTestTenant>>;

/** A tenant with a variety of rows, every customer on billing day 3 (not the column's default 15), and a backup. */
async function backedUp(system: DbHandle): Promise<{ tenant: Tenant; backupId: string }> {
  const tenant = await createTestTenant();
  await seedVariety(system.db, tenant.id);
  await system.db.execute(sql`update customers set billing_day = 3 where tenant_id = ${tenant.id}`);
  const app = testDb("app");
  const info = { ...{ id: tenant.id, slug: tenant.slug, name: tenant.name }, timezone: "Asia/Jakarta", locale: "id" };
  const ctx = staffContext({ ...info, isActive: true }, app.db, tenant.users.admin.id);
  const backup = await runTenantBackup(ctx, testBackupDeps()).finally(() => app.close());
  expect(backup.status, JSON.stringify(backup)).toBe("succeeded");
  return { tenant, backupId: backup.id };
}

/** Changes rows after the backup, so a restore that went ahead would show. */
async function changeAfterBackup(system: DbHandle, tenantId: string): Promise<void> {
  await system.db.execute(sql`update customers set name = 'Diubah', billing_day = 7 where tenant_id = ${tenantId}`);
  await system.db.execute(sql`delete from ticket_comments where tenant_id = ${tenantId}`);
}

/** Restores through the API expecting a 409 whose detail matches `detail`, and checks no row changed. */
async function expectRefused(system: DbHandle, tenant: Tenant, backupId: string, detail: RegExp[]): Promise<void> {
  await changeAfterBackup(system, tenant.id);
  const before = await dumpTenant(system.db, tenant.id, ["replace", "keep"]);
  const headers = await authHeaders(tenant, "admin");
  const res = await api<{ detail: string }>(`/api/v1/backups/${backupId}/restore`, { method: "POST", headers });
  expect(res.status, describe(res)).toBe(409);
  for (const d of detail) expect(res.body.detail).toMatch(d);
  const after = await dumpTenant(system.db, tenant.id, ["replace", "keep"]);
  // Only the outbox's delivery stamp may move (the hub marks earlier events published).
  expect({ ...after, domain_events: [] }).toEqual({ ...before, domain_events: [] });
}

group("POST /api/v1/backups/{id}/restore of a backup from an earlier migration", () => {
  it("200: a column added since gets its default, a table added since is restored empty, the rest as backed up", async () => {
    expect(OLDER.schemaVersion).not.toBe(SCHEMA_VERSION.tag);
    // The table standing in for "added since" must be a leaf: nothing may be restored into it first.
    expect(TENANT_TABLES.filter((t) => t.dependsOn.includes("monitoring_samples"))).toEqual([]);
    const system = testDb("system");
    try {
      const { tenant, backupId } = await backedUp(system);
      const before = await dumpTenant(system.db, tenant.id, ["replace"], RESYNCED);
      expect(before.customers?.length).toBeGreaterThan(0);
      expect(before.monitoring_samples?.length).toBeGreaterThan(0);
      await rewriteBackup(system.db, tenant.id, backupId, (lines) =>
        dropTable(
          editRows(patchHeader(lines, OLDER), "customers", (row) => dropColumn(row, "billing_day")),
          "monitoring_samples",
        ),
      );
      await changeAfterBackup(system, tenant.id);

      const headers = await authHeaders(tenant, "admin");
      const res = await api<{ rowCounts: Record<string, number> }>(`/api/v1/backups/${backupId}/restore`, {
        method: "POST",
        headers,
      });
      expect(res.status, describe(res)).toBe(200);
      expect(res.body.rowCounts.customers).toBe(before.customers?.length);
      expect(res.body.rowCounts).not.toHaveProperty("monitoring_samples");

      const after = await dumpTenant(system.db, tenant.id, ["replace"], RESYNCED);
      const parse = (rows: string[] = []) => rows.map((r) => JSON.parse(r));
      expect(parse(after.customers)).toEqual(parse(before.customers).map((c) => ({ ...c, billing_day: 15 })));
      expect(after.monitoring_samples).toEqual([]);
      const rest = (d: Record<string, string[]>) => ({ ...d, customers: [], monitoring_samples: [] });
      expect(rest(after)).toEqual(rest(before));
    } finally {
      await system.close();
    }
  });

  it("200: a column a migration derived from others is derived again (a router's TLS from port 8729, 0009)", async () => {
    const system = testDb("system");
    try {
      const { tenant, backupId } = await backedUp(system);
      await rewriteBackup(system.db, tenant.id, backupId, (lines) =>
        editRows(patchHeader(lines, { schemaVersion: "0008_isolir", migrationCount: 9 }), "mikrotik_routers", (row) =>
          dropColumn(row, "api_tls").replace('"api_port": 8728', '"api_port": 8729'),
        ),
      );
      const headers = await authHeaders(tenant, "admin");
      const res = await api(`/api/v1/backups/${backupId}/restore`, { method: "POST", headers });
      expect(res.status, describe(res)).toBe(200);
      const routers = await system.db.execute<{ api_port: number; api_tls: boolean }>(
        sql`select api_port, api_tls from mikrotik_routers where tenant_id = ${tenant.id}`,
      );
      expect(routers.rows.length).toBeGreaterThan(0);
      for (const r of routers.rows) expect(r).toEqual({ api_port: 8729, api_tls: true });
    } finally {
      await system.close();
    }
  });

  it("409: a column the table no longer has, or a required column the backup lacks; nothing changes", async () => {
    const system = testDb("system");
    try {
      const { tenant, backupId } = await backedUp(system);
      await rewriteBackup(system.db, tenant.id, backupId, (lines) =>
        editRows(patchHeader(lines, OLDER), "customers", (row) =>
          dropColumn(row, "name").replace(/}$/, ', "legacy_note": "lama"}'),
        ),
      );
      await expectRefused(system, tenant, backupId, [
        /customers\.legacy_note is in the backup/,
        /customers\.name is required/,
      ]);
    } finally {
      await system.close();
    }
  });

  it("409: a table the current schema no longer has; nothing changes", async () => {
    const system = testDb("system");
    try {
      const { tenant, backupId } = await backedUp(system);
      await rewriteBackup(system.db, tenant.id, backupId, (lines) =>
        addEmptyTable(patchHeader(lines, OLDER), "legacy_vouchers"),
      );
      await expectRefused(system, tenant, backupId, [/table legacy_vouchers is no longer in the schema/]);
    } finally {
      await system.close();
    }
  });

  it("409: a schema version that is not a migration of this build (newer or unknown); nothing changes", async () => {
    const system = testDb("system");
    try {
      const { tenant, backupId } = await backedUp(system);
      const newer = { schemaVersion: "9999_from_a_newer_build", migrationCount: versions.length + 1 };
      await rewriteBackup(system.db, tenant.id, backupId, (lines) => patchHeader(lines, newer));
      await expectRefused(system, tenant, backupId, [/schema version 9999_from_a_newer_build/, /newer or unknown/]);
    } finally {
      await system.close();
    }
  });
});
