import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/client";
import { tenants } from "../../db/schema";
import type { ServiceContext } from "../context";
import { recordChange } from "../events/record";
import { requirePermission } from "../permissions";

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
  const [row] = await ctx.db.select({ s: tenants.settings }).from(tenants).where(eq(tenants.id, ctx.tenant.id));
  return monitoringSettingsOf(row?.s);
}

/**
 * Replaces them. `tenants` is read-only to the request role, so the write (this tenant's row only)
 * and its audit row go through the privileged handle, in one transaction.
 */
export async function putMonitoringSettings(
  ctx: ServiceContext,
  system: Db,
  input: MonitoringSettings,
): Promise<MonitoringSettings> {
  requirePermission(ctx, "monitoring:write");
  const before = await getMonitoringSettings(ctx);
  await system.transaction(async (tx) => {
    await tx.execute(sql`select set_config('app.tenant_id', ${ctx.tenant.id}, true)`);
    await tx
      .update(tenants)
      .set({ settings: sql`jsonb_set(${tenants.settings}, '{monitoring}', ${JSON.stringify(input)}::jsonb)` })
      .where(eq(tenants.id, ctx.tenant.id));
    await recordChange(tx, ctx, {
      tenantId: ctx.tenant.id,
      action: "update",
      entityType: "monitoring_settings",
      entityId: ctx.tenant.id,
      changes: { usageAlertPercent: { old: before.usageAlertPercent, new: input.usageAlertPercent } },
    });
  });
  return input;
}
