import { z } from "zod";
import type { Db } from "../../db/client";
import type { Logger } from "../../lib/logger";
import type { ConnectorGatewayClient } from "../connectors/gateway";
import { refreshConnectorConfigs } from "../connectors/refresh";
import type { ServiceContext } from "../context";
import { requirePermission } from "../permissions";
import { putSettingsSection, tenantSettings } from "../settings/section";

export const RECONCILE_MODES = ["report", "heal"] as const;
export type ReconcileMode = (typeof RECONCILE_MODES)[number];

export const DEFAULT_PROVISIONING_SETTINGS = { reconcileMode: "report", pollIntervalSeconds: 30 } as const;

export const ProvisioningSettingsInput = z.object({
  reconcileMode: z.enum(RECONCILE_MODES).meta({
    description:
      "What the daily reconciliation does with drift between the database and each router: `report` it " +
      "(a `reconcile_drift` alert per router), or `heal`: report it and queue the fix",
    example: "report",
  }),
  pollIntervalSeconds: z.number().int().min(10).max(300).meta({
    description: "How often the tenant's connectors poll their routers (bandwidth, health) and probe devices",
    example: 30,
  }),
});
export type ProvisioningSettings = z.infer<typeof ProvisioningSettingsInput>;

/** The tenant's provisioning settings (kept under `tenants.settings.provisioning`), each field defaulted. */
export function provisioningSettingsOf(settings: Record<string, unknown> | null | undefined): ProvisioningSettings {
  const parsed = ProvisioningSettingsInput.partial().safeParse(settings?.provisioning);
  return { ...DEFAULT_PROVISIONING_SETTINGS, ...(parsed.success ? parsed.data : {}) };
}

/** Read without a permission check: the connector's config and the daily pass need them. */
export async function readProvisioningSettings(ctx: ServiceContext): Promise<ProvisioningSettings> {
  return provisioningSettingsOf(await tenantSettings(ctx));
}

export async function getProvisioningSettings(ctx: ServiceContext): Promise<ProvisioningSettings> {
  requirePermission(ctx, "settings:read");
  return readProvisioningSettings(ctx);
}

/**
 * Replaces them (audited as `provisioning_settings.update`). The next daily pass uses the mode; a
 * new poll interval is sent to the tenant's connected connectors at once (a new `config`).
 */
export async function putProvisioningSettings(
  ctx: ServiceContext,
  deps: { system: Db; gateway: ConnectorGatewayClient; log?: Logger },
  input: ProvisioningSettings,
): Promise<ProvisioningSettings> {
  requirePermission(ctx, "settings:write");
  const before = await getProvisioningSettings(ctx);
  await putSettingsSection(ctx, deps.system, "provisioning", input, {
    reconcileMode: { old: before.reconcileMode, new: input.reconcileMode },
    pollIntervalSeconds: { old: before.pollIntervalSeconds, new: input.pollIntervalSeconds },
  });
  if (before.pollIntervalSeconds !== input.pollIntervalSeconds) {
    await refreshConnectorConfigs(ctx, deps.gateway, deps.log, "a new poll interval");
  }
  return input;
}
