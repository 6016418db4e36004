import { sql } from "drizzle-orm";
import type { Tx } from "../../db/client";

/**
 * A restore puts the business rows back, but not the network they describe: the routers still
 * hold the PPPoE secrets of the moment before the restore, and the connectors (kept, tables.ts)
 * still poll the routers and devices they were told about. This brings them back in step.
 */
export interface NetworkResync {
  /** Live customers on a router left `pending` for the provisioning sweep. */
  customersPending: number;
  /** Routers and devices whose restored status was replaced by `unknown`. */
  routersUnknown: number;
  devicesUnknown: number;
}

/**
 * In the restore's transaction, after the rows are in:
 * - Every live (not soft-deleted) customer with a router becomes `pending` (error cleared), so the
 *   provisioning sweep (provisioning/sweep.ts, every 5 minutes) re-plans it from the restored row
 *   and its idempotent ensure* ops put the router in the restored state: secrets back, suspended
 *   ones disabled, terminated ones removed. `updated_at` moves on — a new version — so the report
 *   of a command planned before the restore cannot mark it `applied` (provisioning/report.ts);
 *   the sweep takes it after its one-minute grace. Soft-deleted customers are left alone: their
 *   PPPoE username may belong to a live customer now, whose secret an `ensureAbsent` would remove.
 *   Customers without a router have nothing to apply (they stay as restored).
 * - Not done by the sweep: secrets of customers the restored database no longer has (created after
 *   the backup) or has soft-deleted stay on the routers. The daily reconciliation reports them
 *   (`orphan_secret` drift, a `reconcile_drift` alert per router); an operator removes them with
 *   `POST /routers/{id}/reconcile` without `dry_run`. A restore is an operator's act already.
 * - Routers' and devices' `status` becomes `unknown`: the restored value is an old observation
 *   (an `offline` one would even keep the sweep away from the router's customers). The next poll or
 *   probe sets it again and raises or resolves the offline alert on that change. `last_seen` stays
 *   as restored: a real, if old, last contact, moved on by the next observation.
 * Raw SQL, so the routers' and devices' `updated_at` stays (a status is an observation, not an edit).
 */
export async function resyncNetwork(tx: Tx, tenantId: string): Promise<NetworkResync> {
  const customers = await tx.execute(sql`
    update customers set provisioning_state = 'pending', provisioning_error = null, updated_at = now()
     where tenant_id = ${tenantId} and deleted_at is null and router_id is not null`);
  const routers = await tx.execute(sql`
    update mikrotik_routers set status = 'unknown' where tenant_id = ${tenantId} and status <> 'unknown'`);
  const devices = await tx.execute(sql`
    update devices set status = 'unknown' where tenant_id = ${tenantId} and status <> 'unknown'`);
  return {
    customersPending: customers.rowCount ?? 0,
    routersUnknown: routers.rowCount ?? 0,
    devicesUnknown: devices.rowCount ?? 0,
  };
}

/**
 * After the commit: every connector of the tenant is sent its router and device list again. Without
 * it a connected connector would keep polling the routers it knew — with their old addresses and
 * credentials, missing restored ones — and fail the sweep's commands for a router it does not know.
 */
export { refreshConnectorConfigs } from "../connectors/refresh";
