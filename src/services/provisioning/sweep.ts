import { sql } from "drizzle-orm";
import type { DbRegistry } from "../../db/client";
import type { Bindings, Config } from "../../env";
import type { Logger } from "../../lib/logger";
import { systemTenantContext } from "../system-context";
import { ProvisioningBatch } from "./batch";
import { provisioningDepsFor } from "./publisher";

export interface SweepDeps {
  env: Bindings;
  config: Config;
  dbs: DbRegistry;
  log: Logger;
}

/** Customers older than this are swept; younger ones are still in the hands of their event's delivery. */
const MIN_AGE_MS = 60_000;
const BATCH = 500;

/**
 * The reliability half of "provisioning follows the business": every change a router must reflect
 * leaves the customer `pending` in the same transaction, so `pending` customers ARE the work list —
 * no cursor over events to keep. Each is re-planned from its current row (`resync`: kicks only if
 * the secret's profile or state actually changed) and handed to its gateway, which drops a change
 * already waiting there. Catches lost event deliveries and cron-written changes (speed-boost expiry).
 *
 * Only customers that can progress NOW are taken: their router active, not known to be offline, and
 * behind a connector that is online. The others (no connector, inactive router, connector or router
 * down) stay `pending` with their old `updated_at` (a provisioning report never touches it), so
 * taking them oldest-first let 500 of them fill every batch and starve the rest. Skipped rather than
 * paged with a cursor: a sweep could not apply them anyway (an offline connector's gateway already
 * holds their commands), and they become eligible — oldest first — as soon as their connector and
 * router are back. `tenantId` limits a run to one tenant (tests, a manual re-run).
 */
export async function sweepPendingProvisioning(
  deps: SweepDeps,
  now: Date,
  opts: { tenantId?: string } = {},
): Promise<Record<string, number>> {
  const rows = await deps.dbs.system().execute<{ tenant_id: string; id: string }>(sql`
    select c.tenant_id, c.id from customers c
      join mikrotik_routers r on r.tenant_id = c.tenant_id and r.id = c.router_id
      join connectors k on k.tenant_id = r.tenant_id and k.id = r.connector_id
     where c.provisioning_state = 'pending'
       and c.updated_at < ${new Date(now.getTime() - MIN_AGE_MS).toISOString()}::timestamptz
       and r.is_active and r.status <> 'offline' and k.status = 'online' and k.revoked_at is null
       ${opts.tenantId ? sql`and c.tenant_id = ${opts.tenantId}` : sql``}
     order by c.updated_at, c.id limit ${BATCH}`);
  const byTenant = new Map<string, string[]>();
  for (const r of rows.rows) byTenant.set(r.tenant_id, [...(byTenant.get(r.tenant_id) ?? []), r.id]);
  const pd = provisioningDepsFor(deps.env, deps.config, deps.log, () => deps.dbs.app());
  if (!pd.gateway.available) return { pending: rows.rows.length, enqueued: 0 };
  const run = now.getTime().toString(36);
  let enqueued = 0;
  for (const [tenantId, ids] of byTenant) {
    const ctx = await systemTenantContext(deps.dbs.app(), tenantId, "provisioning-sweep", pd.secrets);
    if (!ctx) continue;
    const batch = new ProvisioningBatch(ctx, pd);
    for (const id of ids) await batch.addCustomer(id, { kind: "resync" }, `sweep:${run}:${id}`);
    enqueued += (await batch.flush()).enqueued;
  }
  return { pending: rows.rows.length, enqueued };
}
