import { sql } from "drizzle-orm";
import type { DbRegistry } from "../../db/client";
import type { Bindings, Config } from "../../env";
import type { Logger } from "../../lib/logger";
import { secretBox } from "../../lib/secrets";
import { raiseAlert, resolveAlertFor } from "../alerts/raise";
import { gatewayClient } from "../connectors/gateway";
import { withTenantTx } from "../context";
import { type ReconcileMode, readProvisioningSettings } from "../provisioning/settings";
import { systemTenantContext } from "../system-context";
import { reconcileRouter } from "./reconcile";

export interface DailyReconcileDeps {
  env: Bindings;
  config: Config;
  dbs: DbRegistry;
  log: Logger;
}

/**
 * The daily pass (cron): every active router behind an online connector is compared with the
 * database; drift raises one `reconcile_drift` alert per router (with the first items), no drift
 * resolves it. What else it does is the tenant's `reconcileMode` (settings/provisioning): `report`
 * (the default) changes nothing on the routers — fixing is an operator's call (`POST …/reconcile`);
 * `heal` also queues the fix, as that call would. A router that cannot be asked is skipped
 * (offline detection reports it). `only` limits the pass to one tenant (tests).
 */
export async function reconcileDaily(deps: DailyReconcileDeps, now: Date, only?: { tenantId: string }) {
  const gateway = gatewayClient(deps.env.CONNECTOR_GATEWAY);
  if (!gateway.available) return { routers: 0, drifted: 0, healed: 0, skipped: 0 };
  const rows = await deps.dbs.system().execute<{ tenant_id: string; id: string; name: string }>(sql`
    select r.tenant_id, r.id, r.name from mikrotik_routers r
      join connectors c on c.id = r.connector_id and c.status = 'online' and c.revoked_at is null
     where r.is_active ${only ? sql`and r.tenant_id = ${only.tenantId}` : sql``}
     order by r.tenant_id, r.id`);
  const counts = { routers: 0, drifted: 0, healed: 0, skipped: 0 };
  const secrets = secretBox(deps.config.ENCRYPTION_KEY);
  const modes = new Map<string, ReconcileMode>();
  for (const r of rows.rows) {
    const ctx = await systemTenantContext(deps.dbs.app(), r.tenant_id, "reconcile-daily", secrets);
    if (!ctx) continue;
    try {
      let mode = modes.get(r.tenant_id);
      if (!mode) {
        mode = (await readProvisioningSettings(ctx)).reconcileMode;
        modes.set(r.tenant_id, mode);
      }
      const heal = mode === "heal";
      const report = await reconcileRouter(ctx, gateway, r.id, { dryRun: !heal, now });
      counts.routers += 1;
      await withTenantTx(ctx, async (tx, txCtx) => {
        if (report.drift.length === 0) {
          await resolveAlertFor(tx, txCtx, { type: "reconcile_drift", entityId: r.id }, now);
          return;
        }
        counts.drifted += 1;
        if (heal) counts.healed += 1;
        await raiseAlert(tx, txCtx, {
          type: "reconcile_drift",
          severity: "warning",
          entityType: "router",
          entityId: r.id,
          message: heal
            ? `Router ${r.name} differed from the database in ${report.drift.length} place(s); the fixes are queued`
            : `Router ${r.name} differs from the database in ${report.drift.length} place(s)`,
          data: {
            drift: report.drift.slice(0, 20),
            summary: report.summary,
            checkedAt: report.checkedAt,
            healing: heal,
          },
        });
      });
    } catch (err) {
      counts.skipped += 1;
      deps.log.warn("daily reconcile skipped a router", { routerId: r.id, err });
    }
  }
  return counts;
}
