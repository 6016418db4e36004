import { and, eq, isNull, lt, or } from "drizzle-orm";
import { connectors, devices, mikrotikRouters } from "../../db/schema";
import { raiseAlert, resolveAlertFor } from "../alerts/raise";
import { type ServiceContext, withTenantTx } from "../context";
import { setDeviceOffline } from "../monitoring/device-status";
import { setRouterOffline } from "../monitoring/router-status";
import { recordStatusChange } from "../monitoring/status-change";
import { confirmEnrollment } from "./authenticate";

/**
 * A connector's presence as its gateway sees it. `online` on `hello`; `last_seen` refreshed while
 * the socket lives; `offline` (with a `connector_offline` alert, Property 40) once it stayed away
 * past the grace period. Revoked connectors are never marked online. A change of status is a
 * `connector.status_change` event (audit row + outbox) for the dashboards.
 */
export async function markConnectorOnline(ctx: ServiceContext, connectorId: string, version: string, now: Date) {
  await withTenantTx(ctx, async (tx, txCtx) => {
    const where = and(
      eq(connectors.tenantId, ctx.tenant.id),
      eq(connectors.id, connectorId),
      isNull(connectors.revokedAt),
    );
    // Locked, so a hello racing the offline detector sees the status it replaces.
    const [before] = await tx
      .select({ name: connectors.name, status: connectors.status })
      .from(connectors)
      .where(where)
      .for("update");
    if (!before) return;
    await tx.update(connectors).set({ status: "online", version, lastSeen: now }).where(where);
    // A hello proves the connector holds its issued secret: its enrollment token is spent now.
    await confirmEnrollment(tx, ctx.tenant.id, connectorId, now);
    if (before.status === "online") return;
    await recordStatusChange(tx, txCtx, "connector", { id: connectorId, ...before }, "online", now);
    await resolveAlertFor(tx, txCtx, { type: "connector_offline", entityId: connectorId }, now);
  });
}

/**
 * Liveness (about once a minute per connected connector; the `last_seen` write alone is not
 * audited). A connector the offline detector marked `offline` while its socket lived (the gateway's
 * writes came late) is `online` again — a status change, its alert resolved — but only on a sign of
 * life newer than the `last_seen` judged stale, so a socket gone silent does not flap.
 */
export async function markConnectorSeen(ctx: ServiceContext, connectorId: string, at: Date) {
  await withTenantTx(ctx, async (tx, txCtx) => {
    const mine = and(eq(connectors.tenantId, ctx.tenant.id), eq(connectors.id, connectorId));
    const [back] = await tx
      .update(connectors)
      .set({ status: "online", lastSeen: at })
      .where(
        and(
          mine,
          eq(connectors.status, "offline"),
          isNull(connectors.revokedAt),
          or(isNull(connectors.lastSeen), lt(connectors.lastSeen, at)),
        ),
      )
      .returning({ name: connectors.name });
    if (!back) {
      await tx.update(connectors).set({ lastSeen: at }).where(mine);
      return;
    }
    await recordStatusChange(
      tx,
      txCtx,
      "connector",
      { id: connectorId, name: back.name, status: "offline" },
      "online",
      at,
    );
    await resolveAlertFor(tx, txCtx, { type: "connector_offline", entityId: connectorId }, at);
  });
}

/**
 * Marks it offline unless it already is (or is pending/revoked); on the change raises the alert and
 * turns its routers and probed devices `unknown` (nothing can see them now; one alert for the root
 * cause, none per router or device). The one path for both the gateway (socket gone past the grace
 * period) and the offline detector (heartbeats stopped).
 */
export async function markConnectorOffline(ctx: ServiceContext, connectorId: string, lastSeen: Date | null) {
  return withTenantTx(ctx, async (tx, txCtx) => {
    const [row] = await tx
      .update(connectors)
      .set({ status: "offline", ...(lastSeen ? { lastSeen } : {}) })
      .where(
        and(
          eq(connectors.tenantId, ctx.tenant.id),
          eq(connectors.id, connectorId),
          eq(connectors.status, "online"),
          isNull(connectors.revokedAt),
        ),
      )
      .returning({ id: connectors.id, name: connectors.name, lastSeen: connectors.lastSeen });
    if (!row) return false;
    await recordStatusChange(tx, txCtx, "connector", { ...row, status: "online" }, "offline", row.lastSeen);
    await raiseAlert(tx, txCtx, {
      type: "connector_offline",
      severity: "critical",
      entityType: "connector",
      entityId: connectorId,
      message: `Connector ${row.name} is offline`,
      data: { lastSeen: row.lastSeen?.toISOString() ?? null },
    });
    const routers = await tx
      .select({ id: mikrotikRouters.id, name: mikrotikRouters.name, status: mikrotikRouters.status })
      .from(mikrotikRouters)
      .where(and(eq(mikrotikRouters.tenantId, ctx.tenant.id), eq(mikrotikRouters.connectorId, connectorId)));
    for (const r of routers) await setRouterOffline(tx, txCtx, r, null, true);
    const probed = await tx
      .select({ id: devices.id, name: devices.name, status: devices.status })
      .from(devices)
      .where(and(eq(devices.tenantId, ctx.tenant.id), eq(devices.connectorId, connectorId)));
    for (const d of probed) await setDeviceOffline(tx, txCtx, d, null, true);
    return true;
  });
}
