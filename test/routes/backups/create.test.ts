import { sql } from "drizzle-orm";
import { expect, describe as group, it } from "vitest";
import { backups } from "../../../src/db/schema";
import { SCHEMA_VERSION } from "../../../src/services/backups/format";
import { EXPORTED_TABLES } from "../../../src/services/backups/tables";
import { authHeaders } from "../../durable-objects/hub-client";
import { api, describe } from "../../support/api";
import { testDb } from "../../support/db";
import { createTestTenant } from "../../support/harness";
import { seedTenantRows } from "../../support/seed-rows";
import { type BackupView, bucket, waitForBackup } from "./fixtures";

group("POST /api/v1/backups", () => {
  it("202: starts a backup that succeeds with a manifest, stored encrypted in R2", async () => {
    const tenant = await createTestTenant();
    const { db, close } = testDb("system");
    await seedTenantRows(
      db,
      tenant.id,
      { plans: 2, customersPerPlan: 3, items: 2, ticketsPerCustomer: 1, audits: 2 },
      "bk",
    );
    await close();
    const headers = await authHeaders(tenant, "admin");

    const started = await api<BackupView>("/api/v1/backups", { method: "POST", headers });
    expect(started.status, describe(started)).toBe(202);
    expect(started.body).toMatchObject({ status: "running", manifest: null });
    const backup = await waitForBackup(headers, started.body.id);
    expect(backup.status, JSON.stringify(backup)).toBe("succeeded");
    const m = backup.manifest;
    expect(m?.schemaVersion).toBe(SCHEMA_VERSION.tag);
    expect(Object.keys(m?.rowCounts ?? {})).toEqual(EXPORTED_TABLES.map((t) => t.name));
    expect(m?.rowCounts).toMatchObject({ tenants: 1, users: 4, service_plans: 2, customers: 6, tickets: 6 });
    expect(backup.sizeBytes).toBe(m?.ciphertextBytes);
    expect(Date.parse(backup.expiresAt ?? "") - Date.parse(backup.createdAt)).toBe(30 * 86_400_000);

    const object = await bucket().head(`tenants/${tenant.id}/${backup.id}.bin`);
    expect(object?.size).toBe(m?.ciphertextBytes);
    expect(object?.customMetadata).toMatchObject({
      tenantId: tenant.id,
      backupId: backup.id,
      schemaVersion: SCHEMA_VERSION.tag,
      ciphertextSha256: m?.ciphertextSha256,
      plaintextSha256: m?.plaintextSha256,
    });
  });

  it("409: while another backup of the tenant is running", async () => {
    const tenant = await createTestTenant();
    const { db, close } = testDb("system");
    await db
      .insert(backups)
      .values({ tenantId: tenant.id, status: "running", expiresAt: sql`now() + interval '30 days'` });
    await close();
    const headers = await authHeaders(tenant, "admin");
    const res = await api("/api/v1/backups", { method: "POST", headers });
    expect(res.status, describe(res)).toBe(409);
  });

  it("401: without a token", async () => {
    const tenant = await createTestTenant();
    const res = await api("/api/v1/backups", { method: "POST", headers: tenant.headers });
    expect(res.status, describe(res)).toBe(401);
  });

  it("403: for roles other than admin", async () => {
    const tenant = await createTestTenant();
    for (const role of ["operator", "technician", "viewer"] as const) {
      const headers = await authHeaders(tenant, role);
      const res = await api("/api/v1/backups", { method: "POST", headers });
      expect(res.status, describe(res)).toBe(403);
    }
  });
});
