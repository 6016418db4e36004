import { z } from "zod";
import type { Db } from "../../db/client";
import type { ServiceContext } from "../context";
import { requirePermission } from "../permissions";
import { putSettingsSection, tenantSettings } from "../settings/section";

/** Isolir by default a week after the due date: the usual grace of an RT/RW Net. */
export const DEFAULT_SUSPEND_AFTER_DAYS = 7;

export const BillingSettingsInput = z.object({
  suspendAfterDays: z
    .number()
    .int()
    .min(0)
    .max(90)
    .nullable()
    .meta({
      description:
        "Isolir: the overdue job suspends a customer once an invoice is unpaid this many days after its due date " +
        "(0: the day after), and paying or cancelling it lifts the suspension; null: never automatically",
      example: DEFAULT_SUSPEND_AFTER_DAYS,
    }),
});
export type BillingSettings = z.infer<typeof BillingSettingsInput>;

/** The tenant's billing settings (kept under `tenants.settings.billing`). */
export function billingSettingsOf(settings: Record<string, unknown> | null | undefined): BillingSettings {
  const parsed = BillingSettingsInput.safeParse(settings?.billing);
  return parsed.success ? parsed.data : { suspendAfterDays: DEFAULT_SUSPEND_AFTER_DAYS };
}

export async function getBillingSettings(ctx: ServiceContext): Promise<BillingSettings> {
  requirePermission(ctx, "settings:read");
  return billingSettingsOf(await tenantSettings(ctx));
}

/** Replaces them (audited as `billing_settings.update`); the next overdue run applies them. */
export async function putBillingSettings(ctx: ServiceContext, system: Db, input: BillingSettings) {
  requirePermission(ctx, "settings:write");
  const before = await getBillingSettings(ctx);
  await putSettingsSection(ctx, system, "billing", input, {
    suspendAfterDays: { old: before.suspendAfterDays, new: input.suspendAfterDays },
  });
  return input;
}
