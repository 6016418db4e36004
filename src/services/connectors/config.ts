import { and, asc, eq } from "drizzle-orm";
import { devices, mikrotikRouters } from "../../db/schema";
import type { Config, DeviceProbe, RouterConfig } from "../../protocol";
import { type ServiceContext, withTenantTx } from "../context";
import { readProvisioningSettings } from "../provisioning/settings";

/**
 * The router list a connector gets in `config`: the tenant's active routers assigned to it, with
 * the API password decrypted (the one place it leaves the secret box; it travels only over the
 * connector's authenticated socket).
 */
export async function loadConnectorRouters(ctx: ServiceContext, connectorId: string): Promise<RouterConfig[]> {
  const secrets = ctx.secrets;
  if (!secrets) throw new Error("secret box missing from the service context");
  const rows = await withTenantTx(ctx, (tx) =>
    tx
      .select()
      .from(mikrotikRouters)
      .where(
        and(
          eq(mikrotikRouters.tenantId, ctx.tenant.id),
          eq(mikrotikRouters.connectorId, connectorId),
          eq(mikrotikRouters.isActive, true),
        ),
      )
      .orderBy(asc(mikrotikRouters.id)),
  );
  return Promise.all(
    rows.map(async (r) => ({
      routerId: r.id,
      host: r.host,
      port: r.apiPort,
      username: r.username,
      password: await secrets.decrypt(r.passwordEnc),
      tls: r.apiTls,
    })),
  );
}

/** The devices a connector probes (`config.devices`): the tenant's devices assigned to it. */
export function loadConnectorDevices(ctx: ServiceContext, connectorId: string): Promise<DeviceProbe[]> {
  return withTenantTx(ctx, (tx) =>
    tx
      .select({ deviceId: devices.id, host: devices.ipAddress, port: devices.port })
      .from(devices)
      .where(and(eq(devices.tenantId, ctx.tenant.id), eq(devices.connectorId, connectorId)))
      .orderBy(asc(devices.id)),
  );
}

/**
 * The `config` message for a connector: its routers (with their API passwords), its devices, and how
 * often to poll them (the tenant's `pollIntervalSeconds`, settings/provisioning).
 */
export async function connectorConfig(ctx: ServiceContext, connectorId: string): Promise<Config> {
  return {
    type: "config",
    routers: await loadConnectorRouters(ctx, connectorId),
    devices: await loadConnectorDevices(ctx, connectorId),
    pollIntervalMs: (await readProvisioningSettings(ctx)).pollIntervalSeconds * 1000,
  };
}
