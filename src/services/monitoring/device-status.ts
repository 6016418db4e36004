import { and, eq, inArray, ne } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { devices } from "../../db/schema";
import { raiseAlert, resolveAlertFor } from "../alerts/raise";
import { type ServiceContext, withTenantTx } from "../context";
import { recordStatusChange, type StatusRef } from "./status-change";

export interface DeviceObservation {
  deviceId: string;
  reachable: boolean;
}

/**
 * One probe round of a connector (`devices` message): reachable → `online` with `last_seen` = `at`;
 * unreachable → `offline` with `last_seen` kept as the last contact (Property 24) and a
 * `device_offline` alert on the change (Property 40), resolved when it answers again. Each change
 * is a `device.status_change` event (audit row + outbox: dashboards, the `device_offline` email).
 * Only devices assigned to this connector are touched, and their rows are locked so a round racing
 * the offline detector records one change. The `last_seen` refresh of the devices that stayed
 * online is one statement, however many there are.
 */
export async function recordDeviceObservations(
  ctx: ServiceContext,
  connectorId: string,
  obs: DeviceObservation[],
  at: Date,
) {
  if (obs.length === 0) return;
  await withTenantTx(ctx, async (tx, txCtx) => {
    const rows = await tx
      .select({ id: devices.id, name: devices.name, status: devices.status })
      .from(devices)
      .where(
        and(
          eq(devices.tenantId, ctx.tenant.id),
          eq(devices.connectorId, connectorId),
          inArray(
            devices.id,
            obs.map((o) => o.deviceId),
          ),
        ),
      )
      .for("update");
    const known = new Map(rows.map((r) => [r.id, r]));
    const up = obs.filter((o) => o.reachable && known.has(o.deviceId)).map((o) => o.deviceId);
    if (up.length > 0)
      await tx
        .update(devices)
        .set({ status: "online", lastSeen: at })
        .where(and(eq(devices.tenantId, ctx.tenant.id), inArray(devices.id, up)));
    for (const o of obs) {
      const device = known.get(o.deviceId);
      if (!device) continue;
      if (!o.reachable) await setDeviceOffline(tx, txCtx, device, null);
      else if (device.status !== "online") {
        await recordStatusChange(tx, txCtx, "device", device, "online", at);
        await resolveAlertFor(tx, txCtx, { type: "device_offline", entityId: device.id }, at);
      }
    }
  });
}

/**
 * `offline` plus the alert when it was not offline already; `unknown` instead (no alert) when the
 * cause is that nothing probes it any more (its connector is away or it has none): one alert for
 * the root cause. Conditional, so a concurrent detector that got there first makes this a no-op.
 */
export async function setDeviceOffline(
  tx: Tx,
  ctx: ServiceContext,
  device: StatusRef,
  lastSeen: Date | null,
  unobserved = false,
): Promise<boolean> {
  const status = unobserved ? "unknown" : "offline";
  if (device.status === status) return false;
  const [row] = await tx
    .update(devices)
    .set({ status })
    .where(and(eq(devices.tenantId, ctx.tenant.id), eq(devices.id, device.id), ne(devices.status, status)))
    .returning({ lastSeen: devices.lastSeen, ipAddress: devices.ipAddress });
  if (!row) return false;
  lastSeen ??= row.lastSeen;
  await recordStatusChange(tx, ctx, "device", device, status, lastSeen);
  if (unobserved) return true;
  await raiseAlert(tx, ctx, {
    type: "device_offline",
    severity: "critical",
    entityType: "device",
    entityId: device.id,
    message: `Device ${device.name} (${row.ipAddress}) is not reachable`,
    data: { lastSeen: lastSeen?.toISOString() ?? null },
  });
  return true;
}
