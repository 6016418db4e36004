import { type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/client";
import type { ServiceContext } from "../context";
import { requirePermission } from "../permissions";
import { putSettingsSection, tenantSettings } from "../settings/section";

/** Isolir by default a week after the due date: the usual grace of an RT/RW Net. */
export const DEFAULT_SUSPEND_AFTER_DAYS = 7;
/** A late invoice (issued on or after its period's due date) is due a week after it is issued. */
export const DEFAULT_LATE_INVOICE_DUE_DAYS = 7;
/** The overdue/isolir pass starts at 10:00 tenant-local: the office is open and cash can be taken. */
export const DEFAULT_ISOLIR_HOUR = 10;
export const ISOLATED_PERIOD_BILLING = ["skip", "prorata"] as const;

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
  lateInvoiceDueDays: z
    .number()
    .int()
    .min(0)
    .max(60)
    .default(DEFAULT_LATE_INVOICE_DUE_DAYS)
    .meta({
      description:
        "An invoice the billing run issues on or after its period's due date (a customer restored after it) is " +
        "due this many days after the day it is issued, so it is never overdue the day it is issued",
      example: DEFAULT_LATE_INVOICE_DUE_DAYS,
    }),
  isolatedPeriodBilling: z
    .enum(ISOLATED_PERIOD_BILLING)
    .default("skip")
    .meta({
      description:
        "A month whose due date fell while the customer was isolated for nonpayment: `skip` bills nothing for it, " +
        "`prorata` bills the monthly fee for the days of the month with service",
      example: "skip",
    }),
  isolirHour: z
    .number()
    .int()
    .min(0)
    .max(23)
    .default(DEFAULT_ISOLIR_HOUR)
    .meta({
      description:
        "Tenant-local hour from which the hourly overdue/isolir pass handles this tenant each day: passes before " +
        "it skip the tenant, the first one at or after it does the day's work (a missed one is made up by the next)",
      example: DEFAULT_ISOLIR_HOUR,
    }),
});
export type BillingSettings = z.infer<typeof BillingSettingsInput>;

const DEFAULTS: BillingSettings = BillingSettingsInput.parse({ suspendAfterDays: DEFAULT_SUSPEND_AFTER_DAYS });

/** The tenant's billing settings (kept under `tenants.settings.billing`). */
export function billingSettingsOf(settings: Record<string, unknown> | null | undefined): BillingSettings {
  const parsed = BillingSettingsInput.safeParse(settings?.billing ?? DEFAULTS);
  return parsed.success ? parsed.data : DEFAULTS;
}

/**
 * One billing setting as SQL over a `tenants` alias `t` (the set-based crons read them per tenant),
 * its default when the section or the key is absent. `suspendAfterDays` may be JSON null (off).
 */
export function billingSettingSql(key: "suspendAfterDays" | "lateInvoiceDueDays" | "isolirHour"): SQL {
  const fallback = key === "suspendAfterDays" ? DEFAULT_SUSPEND_AFTER_DAYS : DEFAULTS[key];
  return sql`(case when t.settings->'billing' ? ${key} then (t.settings->'billing'->>${key})::int
    else ${fallback}::int end)`;
}
/**
 * The tenant filter of the overdue pass over a `tenants` alias `t` at instant `at` (ISO): the
 * tenant-local hour has reached `isolirHour` (with `fromIsolirHour`), and the one tenant asked for.
 */
export function overduePassTenantFilter(at: string, opts: { tenantId?: string; fromIsolirHour?: boolean }): SQL {
  const hour = opts.fromIsolirHour
    ? sql`and extract(hour from ${at}::timestamptz at time zone t.timezone) >= ${billingSettingSql("isolirHour")}`
    : sql``;
  return sql`${opts.tenantId ? sql`and t.id = ${opts.tenantId}::uuid` : sql``} ${hour}`;
}
export const isolatedPeriodBillingSql = sql`coalesce(t.settings->'billing'->>'isolatedPeriodBilling', 'skip')`;

export async function getBillingSettings(ctx: ServiceContext): Promise<BillingSettings> {
  requirePermission(ctx, "settings:read");
  return billingSettingsOf(await tenantSettings(ctx));
}

/** Replaces them (audited as `billing_settings.update`); the next overdue and billing runs apply them. */
export async function putBillingSettings(ctx: ServiceContext, system: Db, input: BillingSettings) {
  requirePermission(ctx, "settings:write");
  const before = await getBillingSettings(ctx);
  const changes = Object.fromEntries(
    (Object.keys(input) as (keyof BillingSettings)[])
      .filter((k) => before[k] !== input[k])
      .map((k) => [k, { old: before[k], new: input[k] }]),
  );
  await putSettingsSection(ctx, system, "billing", input, changes);
  return input;
}
