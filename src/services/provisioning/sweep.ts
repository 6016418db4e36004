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
 */
export async function sweepPendingProvisioning(deps: SweepDeps, now: Date): Promise<Record<string, number>> {
  const rows = await deps.dbs.system().execute<{ tenant_id: string; id: string }>(sql`
    select tenant_id, id from customers
     where provisioning_state = 'pending' and router_id is not null
       and updated_at < ${new Date(now.getTime() - MIN_AGE_MS).toISOString()}::timestamptz
     order by updated_at limit ${BATCH}`);
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
