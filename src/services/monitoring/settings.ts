import { z } from "zod";
import type { Db } from "../../db/client";
import type { ServiceContext } from "../context";
import { requirePermission } from "../permissions";
import { putSettingsSection, tenantSettings } from "../settings/section";

/** Default usage alert: a customer used 90 % of their plan's download allocation over an hour. */
export const DEFAULT_USAGE_ALERT_PERCENT = 90;

export const MonitoringSettingsInput = z.object({
  usageAlertPercent: z.number().int().min(1).max(100).nullable().meta({
    description:
      "Alert when a customer's download over an hour reaches this percentage of their plan's allocation; null: off",
    example: 90,
  }),
});
export type MonitoringSettings = z.infer<typeof MonitoringSettingsInput>;

/** The tenant's monitoring settings (kept under `tenants.settings.monitoring`). */
export function monitoringSettingsOf(settings: Record<string, unknown> | null | undefined): MonitoringSettings {
  const parsed = MonitoringSettingsInput.safeParse(settings?.monitoring);
  return parsed.success ? parsed.data : { usageAlertPercent: DEFAULT_USAGE_ALERT_PERCENT };
}

export async function getMonitoringSettings(ctx: ServiceContext): Promise<MonitoringSettings> {
  requirePermission(ctx, "monitoring:read");
  return monitoringSettingsOf(await tenantSettings(ctx));
}

/** Replaces them (audited as `monitoring_settings.update`). */
export async function putMonitoringSettings(
  ctx: ServiceContext,
  system: Db,
  input: MonitoringSettings,
): Promise<MonitoringSettings> {
  requirePermission(ctx, "monitoring:write");
  const before = await getMonitoringSettings(ctx);
  await putSettingsSection(ctx, system, "monitoring", input, {
    usageAlertPercent: { old: before.usageAlertPercent, new: input.usageAlertPercent },
  });
  return input;
}
