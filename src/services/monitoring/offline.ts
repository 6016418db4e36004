import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { markConnectorOffline } from "../connectors/presence";
import { withTenantTx } from "../context";
import { systemTenantContext } from "../system-context";
import { setRouterOffline } from "./router-status";

/**
 * No sign of life for this long = offline. A connected connector's gateway writes `last_seen` every
 * minute and each router answers a poll every 30 s, so three minutes is several missed beats.
 */
export const STALE_AFTER_MS = 3 * 60_000;

/** Pure: whether something last seen at `lastSeen` counts as gone at `now`. */
export function isStale(lastSeen: Date | null, now: Date, staleAfterMs = STALE_AFTER_MS): boolean {
  return lastSeen === null || now.getTime() - lastSeen.getTime() > staleAfterMs;
}

/**
 * The offline detector (cron, every minute, privileged handle): connectors still `online` whose
 * heartbeats stopped reaching us (their gateway died or was evicted without a close) become
 * `offline` with a `connector_offline` alert, and their routers `unknown` (one alert for the root
 * cause); routers still `online` whose polls stopped while their connector is up become `offline`
 * with a `router_offline` alert (Properties 24 and 40). `last_seen` is left at the last contact.
 * `tenantId` limits a run to one tenant (tests, a manual re-run).
 */
export async function detectOffline(db: Db, now: Date, opts: { tenantId?: string } = {}) {
  const cut = new Date(now.getTime() - STALE_AFTER_MS).toISOString();
  const scope = opts.tenantId ? sql`and tenant_id = ${opts.tenantId}` : sql``;
  const routerScope = opts.tenantId ? sql`and r.tenant_id = ${opts.tenantId}` : sql``;
  const staleConnectors = await db.execute<{ tenant_id: string; id: string; last_seen: string | null }>(sql`
    select tenant_id, id, last_seen from connectors
     where status = 'online' and revoked_at is null and (last_seen is null or last_seen < ${cut}::timestamptz) ${scope}`);
  let connectors = 0;
  for (const c of staleConnectors.rows) {
    const ctx = await systemTenantContext(db, c.tenant_id, "offline-detection");
    if (!ctx) continue;
    // Its routers turn `unknown` inside markConnectorOffline (the gateway's path does the same).
    if (await markConnectorOffline(ctx, c.id, null)) connectors += 1;
  }
  const staleRouters = await db.execute<{
    tenant_id: string;
    id: string;
    name: string;
    status: string;
    last_seen: string | null;
  }>(sql`
    select r.tenant_id, r.id, r.name, r.status, r.last_seen from mikrotik_routers r
      join connectors c on c.id = r.connector_id and c.status = 'online'
     where r.status = 'online' and (r.last_seen is null or r.last_seen < ${cut}::timestamptz) ${routerScope}`);
  let routers = 0;
  for (const r of staleRouters.rows) {
    const ctx = await systemTenantContext(db, r.tenant_id, "offline-detection");
    if (!ctx) continue;
    const lastSeen = r.last_seen ? new Date(r.last_seen) : null;
    if (await withTenantTx(ctx, (tx, txCtx) => setRouterOffline(tx, txCtx, r, lastSeen))) routers += 1;
  }
  return { connectors, routers, orphaned: await healOrphanedRouters(db, routerScope) };
}

/**
 * Routers still `online` with no connector that is up (rows left so before the connector-offline
 * path also covered its routers, or whose connector was deleted or revoked): `unknown`, no alert.
 */
async function healOrphanedRouters(db: Db, routerScope: ReturnType<typeof sql>) {
  const rows = await db.execute<{ tenant_id: string; id: string; name: string; status: string }>(sql`
    select r.tenant_id, r.id, r.name, r.status from mikrotik_routers r
      left join connectors c on c.id = r.connector_id
     where r.status = 'online' and (c.id is null or c.status <> 'online' or c.revoked_at is not null) ${routerScope}`);
  let healed = 0;
  for (const r of rows.rows) {
    const ctx = await systemTenantContext(db, r.tenant_id, "offline-detection");
    if (!ctx) continue;
    if (await withTenantTx(ctx, (tx, txCtx) => setRouterOffline(tx, txCtx, r, null, true))) healed += 1;
  }
  return healed;
}
