import { and, eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLogs, backups } from "../../../src/db/schema";
import { pruneBackups } from "../../../src/services/backups/prune";
import { bucket } from "../../routes/backups/fixtures";
import { testDb } from "../../support/db";
import { createTestTenant } from "../../support/harness";

describe("pruneBackups (retention)", () => {
  it("deletes expired backups with their objects and purged tenants' objects, keeps the rest, safe to run again", async () => {
    const tenant = await createTestTenant();
    const { db, close } = testDb("system");
    try {
      const now = new Date();
      const day = 86_400_000;
      const rows = await db
        .insert(backups)
        .values(
          [-31, -30.001, -1].map((ageDays) => ({
            tenantId: tenant.id,
            status: "succeeded" as const,
            createdAt: new Date(now.getTime() + ageDays * day),
            expiresAt: new Date(now.getTime() + (ageDays + 30) * day),
          })),
        )
        .returning({ id: backups.id });
      const [stuck] = await db
        .insert(backups)
        .values({ tenantId: tenant.id, status: "running", expiresAt: new Date(now.getTime() - 1) })
        .returning({ id: backups.id });
      const ids = rows.map((r) => r.id);
      for (const id of ids) {
        const objectKey = `tenants/${tenant.id}/${id}.bin`;
        await bucket().put(objectKey, new Uint8Array([1, 2, 3]));
        await db.update(backups).set({ objectKey }).where(eq(backups.id, id));
      }

      const purged = `tenants/${crypto.randomUUID()}/${crypto.randomUUID()}.bin`;
      await bucket().put(purged, new Uint8Array([9]));

      const first = await pruneBackups(db, bucket(), now);
      expect(first.orphans).toBeGreaterThanOrEqual(1);
      expect(await bucket().head(purged)).toBeNull();
      expect(first.deleted).toBeGreaterThanOrEqual(3);
      const left = await db.select({ id: backups.id }).from(backups).where(eq(backups.tenantId, tenant.id));
      expect(left.map((r) => r.id)).toEqual([ids[2]]);
      expect(await bucket().head(`tenants/${tenant.id}/${ids[0]}.bin`)).toBeNull();
      expect(await bucket().head(`tenants/${tenant.id}/${ids[1]}.bin`)).toBeNull();
      expect(await bucket().head(`tenants/${tenant.id}/${ids[2]}.bin`)).not.toBeNull();
      const audited = await db
        .select({ entityId: auditLogs.entityId })
        .from(auditLogs)
        .where(
          and(
            eq(auditLogs.tenantId, tenant.id),
            eq(auditLogs.action, "delete"),
            inArray(auditLogs.entityId, [ids[0], ids[1], stuck?.id].map(String)),
          ),
        );
      expect(audited).toHaveLength(3);

      await pruneBackups(db, bucket(), now);
      const again = await db.execute<{ n: number }>(
        sql`select count(*)::int as n from backups where tenant_id = ${tenant.id}`,
      );
      expect(again.rows[0]?.n).toBe(1);
    } finally {
      await close();
    }
  });
});
