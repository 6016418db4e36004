import { and, eq, inArray, ne } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { mikrotikRouters } from "../../db/schema";
import { raiseAlert, resolveAlertFor } from "../alerts/raise";
import { type ServiceContext, withTenantTx } from "../context";
import { recordStatusChange, type StatusRef } from "./status-change";

export interface RouterObservation {
  routerId: string;
  reachable: boolean;
  version?: string;
  at: Date;
}

/**
 * What a connector saw of its routers (`hello`, `health`): reachable → `online` with `last_seen`
 * and the RouterOS version; unreachable → `offline`, `last_seen` kept as the last contact
 * (Property 24), with a `router_offline` alert on the change (Property 40), resolved when it
 * answers again. Every change of status is a `router.status_change` event (audit row + outbox), so
 * dashboards see it and the `device_offline` email rule can react. Only routers assigned to this
 * connector are touched: a connector cannot speak for another one's routers. The rows are locked,
 * so two observers of the same router (hello and health racing) record one change, not two.
 */
export async function recordRouterObservations(ctx: ServiceContext, connectorId: string, obs: RouterObservation[]) {
  if (obs.length === 0) return;
  await withTenantTx(ctx, async (tx, txCtx) => {
    const rows = await tx
      .select({ id: mikrotikRouters.id, name: mikrotikRouters.name, status: mikrotikRouters.status })
      .from(mikrotikRouters)
      .where(
        and(
          eq(mikrotikRouters.tenantId, ctx.tenant.id),
          eq(mikrotikRouters.connectorId, connectorId),
          inArray(
            mikrotikRouters.id,
            obs.map((o) => o.routerId),
          ),
        ),
      )
      .for("update");
    const known = new Map(rows.map((r) => [r.id, r]));
    for (const o of obs) {
      const router = known.get(o.routerId);
      if (!router) continue;
      if (o.reachable) await markOnline(tx, txCtx, router, o);
      else await setRouterOffline(tx, txCtx, router, null);
    }
  });
}

async function markOnline(tx: Tx, ctx: ServiceContext, router: StatusRef, o: RouterObservation) {
  await tx
    .update(mikrotikRouters)
    .set({ status: "online", lastSeen: o.at, ...(o.version ? { routerosVersion: o.version } : {}) })
    .where(and(eq(mikrotikRouters.tenantId, ctx.tenant.id), eq(mikrotikRouters.id, router.id)));
  if (router.status === "online") return;
  await recordStatusChange(tx, ctx, "router", router, "online", o.at);
  await resolveAlertFor(tx, ctx, { type: "router_offline", entityId: router.id }, o.at);
}

/**
 * `offline` plus the alert when it was not offline already. `status` `unknown` instead (no alert)
 * when the cause is its connector being away: one alert for the root cause, not one per router.
 */
export async function setRouterOffline(
  tx: Tx,
  ctx: ServiceContext,
  router: StatusRef,
  lastSeen: Date | null,
  becauseConnector = false,
): Promise<boolean> {
  const status = becauseConnector ? "unknown" : "offline";
  if (router.status === status) return false;
  // Conditional: a concurrent detector that got there first makes this a no-op (one event, one alert).
  const [row] = await tx
    .update(mikrotikRouters)
    .set({ status })
    .where(
      and(
        eq(mikrotikRouters.tenantId, ctx.tenant.id),
        eq(mikrotikRouters.id, router.id),
        ne(mikrotikRouters.status, status),
      ),
    )
    .returning({ lastSeen: mikrotikRouters.lastSeen });
  if (!row) return false;
  lastSeen ??= row.lastSeen;
  await recordStatusChange(tx, ctx, "router", router, status, lastSeen);
  if (becauseConnector) return true;
  await raiseAlert(tx, ctx, {
    type: "router_offline",
    severity: "critical",
    entityType: "router",
    entityId: router.id,
    message: `Router ${router.name} is not reachable`,
    data: { lastSeen: lastSeen?.toISOString() ?? null },
  });
  return true;
}
