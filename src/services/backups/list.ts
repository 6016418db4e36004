import { and, count, desc, eq, type SQL } from "drizzle-orm";
import { backups } from "../../db/schema";
import { type Page, pageMeta } from "../../lib/pagination";
import { type ServiceContext, withTenantTx } from "../context";
import { requirePermission } from "../permissions";
import { type BackupView, toBackupView } from "./internal";
import type { ListBackupsQuery } from "./schemas";

/** The tenant's backups, newest first (ties by id, so pages are stable). */
export async function listBackups(ctx: ServiceContext, filter: ListBackupsQuery): Promise<Page<BackupView>> {
  requirePermission(ctx, "backups:read");
  const conds: SQL[] = [eq(backups.tenantId, ctx.tenant.id)];
  if (filter.status) conds.push(eq(backups.status, filter.status));
  const where = and(...conds);
  return withTenantTx(ctx, async (tx) => {
    const rows = await tx
      .select()
      .from(backups)
      .where(where)
      .orderBy(desc(backups.createdAt), desc(backups.id))
      .limit(filter.limit)
      .offset((filter.page - 1) * filter.limit);
    const [total] = await tx.select({ n: count() }).from(backups).where(where);
    return { data: rows.map(toBackupView), meta: pageMeta(filter, total?.n ?? 0) };
  });
}
