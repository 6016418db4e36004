import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { markConnectorOffline } from "../connectors/presence";
import { withTenantTx } from "../context";
import { systemTenantContext } from "../system-context";
import { setDeviceOffline } from "./device-status";
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
 * with a `router_offline` alert; probed devices likewise (Properties 24 and 40). `last_seen` is left
 * at the last contact.
 * `tenantId` limits a run to one tenant (tests, a manual re-run).
 */
export async function detectOffline(db: Db, now: Date, opts: { tenantId?: string } = {}) {
  const cut = new Date(now.getTime() - STALE_AFTER_MS).toISOString();
  const scope = opts.tenantId ? sql`and tenant_id = ${opts.tenantId}` : sql``;
  /** The same filter for the queries that alias their table `r`. */
  const aliasedScope = opts.tenantId ? sql`and r.tenant_id = ${opts.tenantId}` : sql``;
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
     where r.status = 'online' and (r.last_seen is null or r.last_seen < ${cut}::timestamptz) ${aliasedScope}`);
  let routers = 0;
  for (const r of staleRouters.rows) {
    const ctx = await systemTenantContext(db, r.tenant_id, "offline-detection");
    if (!ctx) continue;
    const lastSeen = r.last_seen ? new Date(r.last_seen) : null;
    if (await withTenantTx(ctx, (tx, txCtx) => setRouterOffline(tx, txCtx, r, lastSeen))) routers += 1;
  }
  const devices = await detectStaleDevices(db, cut, aliasedScope);
  return { connectors, routers, devices, orphaned: await healOrphanedRouters(db, aliasedScope) };
}

/**
 * Devices still `online` whose probe results stopped while their connector is up → `offline` with
 * a `device_offline` alert; devices still `online` that nothing probes any more (no connector, or
 * one that is away or revoked) → `unknown`, no alert. `scope` filters on alias `r`.
 */
async function detectStaleDevices(db: Db, cut: string, scope: ReturnType<typeof sql>) {
  const rows = await db.execute<{
    tenant_id: string;
    id: string;
    name: string;
    status: string;
    last_seen: string | null;
    probed: boolean;
  }>(sql`
    select r.tenant_id, r.id, r.name, r.status, r.last_seen,
           (c.id is not null and c.status = 'online' and c.revoked_at is null) as probed
      from devices r left join connectors c on c.id = r.connector_id
     where r.status = 'online' ${scope}
       and (c.id is null or c.status <> 'online' or c.revoked_at is not null
            or r.last_seen is null or r.last_seen < ${cut}::timestamptz)`);
  let changed = 0;
  for (const d of rows.rows) {
    const ctx = await systemTenantContext(db, d.tenant_id, "offline-detection");
    if (!ctx) continue;
    const lastSeen = d.last_seen ? new Date(d.last_seen) : null;
    if (await withTenantTx(ctx, (tx, txCtx) => setDeviceOffline(tx, txCtx, d, lastSeen, !d.probed))) changed += 1;
  }
  return changed;
}

/**
 * Routers still `online` with no connector that is up (rows left so before the connector-offline
 * path also covered its routers, or whose connector was deleted or revoked): `unknown`, no alert.
 */
async function healOrphanedRouters(db: Db, aliasedScope: ReturnType<typeof sql>) {
  const rows = await db.execute<{ tenant_id: string; id: string; name: string; status: string }>(sql`
    select r.tenant_id, r.id, r.name, r.status from mikrotik_routers r
      left join connectors c on c.id = r.connector_id
     where r.status = 'online' and (c.id is null or c.status <> 'online' or c.revoked_at is not null) ${aliasedScope}`);
  let healed = 0;
  for (const r of rows.rows) {
    const ctx = await systemTenantContext(db, r.tenant_id, "offline-detection");
    if (!ctx) continue;
    if (await withTenantTx(ctx, (tx, txCtx) => setRouterOffline(tx, txCtx, r, null, true))) healed += 1;
  }
  return healed;
}
