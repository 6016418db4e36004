import { eq, sql } from "drizzle-orm";
import { expect, describe as group, it } from "vitest";
import { backups, jobs } from "../../../src/db/schema";
import { runTenantBackup } from "../../../src/services/backups/run";
import { authHeaders } from "../../durable-objects/hub-client";
import { api, describe } from "../../support/api";
import { testDb } from "../../support/db";
import { createTestTenant, loginAs } from "../../support/harness";
import { staffContext } from "../../support/network-seed";
import { seedTenantRows } from "../../support/seed-rows";
import { backupNow, bucket, dumpTenant, MISSING, RESYNCED, testBackupDeps } from "./fixtures";
import { seedVariety } from "./seed-variety";

const count = async (db: ReturnType<typeof testDb>["db"], table: string, tenantId: string) =>
  Number(
    (
      await db.execute<{ n: number }>(
        sql`select count(*)::int as n from ${sql.identifier(table)} where tenant_id = ${tenantId}`,
      )
    ).rows[0]?.n,
  );

group("POST /api/v1/backups/{id}/restore", () => {
  it("200: a round trip gives back exactly the backed-up rows; the audit log is kept and records the restore", async () => {
    const tenant = await createTestTenant();
    const system = testDb("system");
    try {
      await seedVariety(system.db, tenant.id);
      await seedTenantRows(
        system.db,
        tenant.id,
        { plans: 2, customersPerPlan: 2, items: 3, ticketsPerCustomer: 2, audits: 3 },
        "rt",
      );
      // Observations the backup holds, which a restore must not bring back (network.ts).
      await system.db.execute(sql`update mikrotik_routers set status = 'online' where tenant_id = ${tenant.id}`);
      await system.db.execute(sql`update devices set status = 'offline' where tenant_id = ${tenant.id}`);
      await system.db.execute(sql`update customers set provisioning_state = 'applied' where tenant_id = ${tenant.id}`);
      const { headers } = await loginAs(tenant, "admin"); // a real sign-in: it leaves a refresh token
      const backup = await backupNow(headers);
      expect(backup.status, JSON.stringify(backup)).toBe("succeeded");
      const before = await dumpTenant(system.db, tenant.id, ["replace"], RESYNCED);
      const tenantRow = await dumpTenant(system.db, tenant.id, ["keep"]).then((d) => d.tenants);
      const auditBefore = await dumpTenant(system.db, tenant.id, ["keep"]).then((d) => d.audit_logs ?? []);

      // Change a bit of everything after the backup.
      await system.db.execute(sql`delete from ticket_comments where tenant_id = ${tenant.id}`);
      await system.db.execute(
        sql`update customers set name = 'Diubah', latitude = null where tenant_id = ${tenant.id}`,
      );
      await system.db.execute(sql`delete from payments where tenant_id = ${tenant.id}`);
      await system.db.execute(sql`update tenant_smtp_settings set port = 2525 where tenant_id = ${tenant.id}`);
      await system.db.execute(sql`delete from infrastructure_items where tenant_id = ${tenant.id}`);
      await seedVariety(system.db, tenant.id);
      const [job] = await system.db
        .insert(jobs)
        .values({ tenantId: tenant.id, type: "backup.run", createdBy: tenant.users.admin.id })
        .returning({ id: jobs.id });
      expect(await dumpTenant(system.db, tenant.id, ["replace"], RESYNCED)).not.toEqual(before);
      expect(await count(system.db, "refresh_tokens", tenant.id)).toBeGreaterThan(0);

      const res = await api<{ backupId: string; rowCounts: Record<string, number> }>(
        `/api/v1/backups/${backup.id}/restore`,
        { method: "POST", headers },
      );
      expect(res.status, describe(res)).toBe(200);
      expect(res.body.backupId).toBe(backup.id);
      expect(res.body.rowCounts).toMatchObject({ users: 5, customers: 5, payments: 1, monitoring_samples: 1 });

      // Every row is the backup's, except that the user seedVariety created since is kept (users.ts).
      const after = await dumpTenant(system.db, tenant.id, ["replace"], RESYNCED);
      const backedUpUsers = before.users ?? [];
      expect({ ...after, users: (after.users ?? []).filter((u) => backedUpUsers.includes(u)) }).toEqual(before);
      expect(after.users).toHaveLength(backedUpUsers.length + 1);
      // What the restore re-derives instead (network.ts): live customers on a router wait for the
      // provisioning sweep as a new version; routers and devices wait for their next observation.
      const network = await system.db.execute<{ pending: boolean; fresh: boolean; n: number }>(sql`
        select provisioning_state = 'pending' and provisioning_error is null as pending,
               updated_at > (select completed_at from backups where id = ${backup.id}) as fresh, count(*)::int as n
          from customers where tenant_id = ${tenant.id} and deleted_at is null and router_id is not null
         group by 1, 2`);
      expect(network.rows).toEqual([{ pending: true, fresh: true, n: 1 }]);
      const statuses = await system.db.execute<{ status: string }>(sql`
        select distinct status from mikrotik_routers where tenant_id = ${tenant.id}
        union select distinct status from devices where tenant_id = ${tenant.id}`);
      expect(statuses.rows).toEqual([{ status: "unknown" }]);
      const keep = await dumpTenant(system.db, tenant.id, ["keep"]);
      expect(keep.tenants).toEqual(tenantRow);
      // The audit log is append-only: everything it had is still there, plus the restore.
      expect(keep.audit_logs).toEqual(expect.arrayContaining(auditBefore));
      const restoreRows = (keep.audit_logs ?? []).map((l) => JSON.parse(l)).filter((r) => r.action === "restore");
      expect(restoreRows).toMatchObject([{ entity_type: "backup", entity_id: backup.id, actor_type: "user" }]);
      expect(restoreRows[0]?.changes.network).toEqual({ customersPending: 1, routersUnknown: 1, devicesUnknown: 1 });
      // Kept rows keep their links into replaced rows (the user was deleted and inserted again).
      const [jobAfter] = await system.db
        .select()
        .from(jobs)
        .where(eq(jobs.id, job?.id as string));
      expect(jobAfter?.createdBy).toBe(tenant.users.admin.id);
      // Sessions are not restored: everyone signs in again.
      expect(await count(system.db, "refresh_tokens", tenant.id)).toBe(0);
      const events = await system.db.execute<{ n: number }>(
        sql`select count(*)::int as n from domain_events where tenant_id = ${tenant.id} and entity_type = 'backup' and action = 'restore'`,
      );
      expect(events.rows[0]?.n).toBe(1);
    } finally {
      await system.close();
    }
  });

  it("409: a corrupted backup object is refused before any row changes", async () => {
    const tenant = await createTestTenant();
    const system = testDb("system");
    try {
      await seedTenantRows(
        system.db,
        tenant.id,
        { plans: 1, customersPerPlan: 2, items: 1, ticketsPerCustomer: 0, audits: 0 },
        "cx",
      );
      const headers = await authHeaders(tenant, "admin");
      const app = testDb("app");
      const info = {
        id: tenant.id,
        slug: tenant.slug,
        name: tenant.name,
        timezone: "Asia/Jakarta",
        locale: "id",
        isActive: true,
      };
      const backup = await runTenantBackup(staffContext(info, app.db, tenant.users.admin.id), testBackupDeps()).finally(
        () => app.close(),
      );
      const key = `tenants/${tenant.id}/${backup.id}.bin`;
      const stored = (await bucket().get(key)) as R2ObjectBody;
      const bytes = new Uint8Array(await stored.arrayBuffer());
      bytes[bytes.length - 20] = (bytes[bytes.length - 20] as number) ^ 0x01;
      await bucket().put(key, bytes, { customMetadata: stored.customMetadata });
      await system.db.execute(sql`delete from infrastructure_items where tenant_id = ${tenant.id}`);
      const before = await dumpTenant(system.db, tenant.id, ["replace", "keep"]);

      const res = await api<{ code: string; detail: string }>(`/api/v1/backups/${backup.id}/restore`, {
        method: "POST",
        headers,
      });
      expect(res.status, describe(res)).toBe(409);
      expect(res.body.detail).toMatch(/integrity/);
      const after = await dumpTenant(system.db, tenant.id, ["replace", "keep"]);
      expect({ ...after, domain_events: [] }).toEqual({ ...before, domain_events: [] });
    } finally {
      await system.close();
    }
  });

  it("409: a backup that is running, failed, or of a schema version this build does not know cannot be restored", async () => {
    const tenant = await createTestTenant();
    const { db, close } = testDb("system");
    const old = crypto.randomUUID();
    const hash = "0".repeat(64);
    const manifest = {
      ...{ format: "rtrwnet.tenant-backup", formatVersion: 1, container: "RTRWBKUP/1", schemaVersion: "9999_newer" },
      ...{ migrationCount: 1, tenantId: tenant.id, backupId: old, createdAt: new Date().toISOString() },
      ...{ rowCounts: { tenants: 1 }, totalRows: 1, plaintextSha256: hash, ciphertextSha256: hash },
      ...{ plaintextBytes: 1, compressedBytes: 1, ciphertextBytes: 1, chunkSize: 65536, multipart: false },
    };
    const rows = await db
      .insert(backups)
      .values([
        { tenantId: tenant.id, status: "running" as const },
        { tenantId: tenant.id, status: "failed" as const, error: "boom" },
        {
          id: old,
          tenantId: tenant.id,
          status: "succeeded" as const,
          objectKey: `tenants/${tenant.id}/${old}.bin`,
          manifest,
        },
      ])
      .returning({ id: backups.id });
    await close();
    const headers = await authHeaders(tenant, "admin");
    const details = [];
    for (const { id } of rows) {
      const res = await api<{ detail: string }>(`/api/v1/backups/${id}/restore`, { method: "POST", headers });
      expect(res.status, describe(res)).toBe(409);
      details.push(res.body.detail);
    }
    expect(details[2]).toMatch(/schema version 9999_newer/);
  });

  it("404: an unknown id, or another tenant's backup", async () => {
    const [mine, other] = [await createTestTenant(), await createTestTenant()];
    const { db, close } = testDb("system");
    const [theirs] = await db.insert(backups).values({ tenantId: other.id, status: "failed" }).returning();
    await close();
    const headers = await authHeaders(mine, "admin");
    for (const id of [MISSING, theirs?.id]) {
      const res = await api(`/api/v1/backups/${id}/restore`, { method: "POST", headers });
      expect(res.status, describe(res)).toBe(404);
    }
  });

  it("400: an id that is not a uuid", async () => {
    const tenant = await createTestTenant();
    const headers = await authHeaders(tenant, "admin");
    const res = await api("/api/v1/backups/latest/restore", { method: "POST", headers });
    expect(res.status, describe(res)).toBe(400);
  });

  it("401 without a token, 403 for roles other than admin", async () => {
    const tenant = await createTestTenant();
    const anonymous = await api(`/api/v1/backups/${MISSING}/restore`, { method: "POST", headers: tenant.headers });
    expect(anonymous.status, describe(anonymous)).toBe(401);
    for (const role of ["operator", "viewer"] as const) {
      const headers = await authHeaders(tenant, role);
      const res = await api(`/api/v1/backups/${MISSING}/restore`, { method: "POST", headers });
      expect(res.status, describe(res)).toBe(403);
    }
  });
});
