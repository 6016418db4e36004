import { and, asc, inArray, lte } from "drizzle-orm";
import type { Db } from "../../db/client";
import { backups, tenants } from "../../db/schema";
import { recordChange } from "../events/record";
import { backupObjectKey } from "./internal";

/** R2 deletes at most 1000 keys per call. */
const BATCH = 500;

/**
 * Retention (30 days, `expires_at`): deletes expired backups of every tenant, objects first, then
 * rows. For the daily cron, on the privileged system handle (it spans tenants). Safe to run twice or
 * late: deleting a missing object is a no-op, so a run that died between the two steps is finished
 * by the next one. Each removal is audited as a system `delete` of the backup. Then the objects of
 * purged tenants are swept (sweepPurgedTenants).
 */
export async function pruneBackups(
  db: Db,
  bucket: R2Bucket,
  now: Date = new Date(),
): Promise<{ deleted: number; orphans: number }> {
  let deleted = 0;
  for (;;) {
    const expired = await db
      .select({
        id: backups.id,
        tenantId: backups.tenantId,
        objectKey: backups.objectKey,
        expiresAt: backups.expiresAt,
      })
      .from(backups)
      .where(lte(backups.expiresAt, now))
      .orderBy(asc(backups.expiresAt), asc(backups.id))
      .limit(BATCH);
    if (expired.length === 0) break;
    await bucket.delete(expired.map((b) => b.objectKey ?? backupObjectKey(b.tenantId, b.id)));
    await db.transaction(async (tx) => {
      const gone = await tx
        .delete(backups)
        .where(
          and(
            inArray(
              backups.id,
              expired.map((b) => b.id),
            ),
            lte(backups.expiresAt, now),
          ),
        )
        .returning({ id: backups.id, tenantId: backups.tenantId, expiresAt: backups.expiresAt });
      for (const b of gone) {
        await recordChange(
          tx,
          { actor: { type: "system", job: "backups.prune" } },
          {
            tenantId: b.tenantId,
            action: "delete",
            entityType: "backup",
            entityId: b.id,
            changes: { reason: "retention", expiresAt: b.expiresAt?.toISOString() ?? null },
          },
        );
      }
      deleted += gone.length;
    });
    if (expired.length < BATCH) break;
  }
  const orphans = await sweepPurgedTenants(db, bucket);
  return { deleted, orphans: orphans.deleted };
}

/**
 * Objects of tenants that no longer exist. Purging a tenant deletes its rows (backups included) in
 * one transaction that cannot reach R2, so the daily run removes what is left under the purged
 * tenant's prefix. Returns the number of objects deleted.
 */
export async function sweepPurgedTenants(db: Db, bucket: R2Bucket): Promise<{ deleted: number }> {
  let deleted = 0;
  let cursor: string | undefined;
  do {
    const page = await bucket.list({ prefix: "tenants/", delimiter: "/", cursor });
    cursor = page.truncated ? page.cursor : undefined;
    const ids = page.delimitedPrefixes.map((p) => p.slice("tenants/".length, -1)).filter((id) => UUID.test(id));
    if (ids.length === 0) continue;
    const alive = await db.select({ id: tenants.id }).from(tenants).where(inArray(tenants.id, ids));
    const gone = ids.filter((id) => !alive.some((t) => t.id === id));
    for (const id of gone) deleted += await deleteUnder(bucket, `tenants/${id}/`);
  } while (cursor);
  return { deleted };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

async function deleteUnder(bucket: R2Bucket, prefix: string): Promise<number> {
  let n = 0;
  for (;;) {
    const page = await bucket.list({ prefix, limit: BATCH });
    if (page.objects.length === 0) return n;
    await bucket.delete(page.objects.map((o) => o.key));
    n += page.objects.length;
  }
}
