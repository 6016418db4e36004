import { type ServiceContext, withTenantTx } from "../context";
import { requirePermission } from "../permissions";
import { type BackupView, getBackupInTenant, toBackupView } from "./internal";

export async function getBackup(ctx: ServiceContext, id: string): Promise<BackupView> {
  requirePermission(ctx, "backups:read");
  return withTenantTx(ctx, async (tx) => toBackupView(await getBackupInTenant(tx, ctx.tenant.id, id)));
}
