import { servicePlanAdvancedSettings } from "../../db/schema";
import { diff } from "../audit/record";
import { type ServiceContext, withTenantTx } from "../context";
import { InvalidInputError } from "../errors";
import { recordChange } from "../events/record";
import { requirePermission } from "../permissions";
import { invalidatePlanCatalogue } from "./cache";
import { type AdvancedSettingsView, findAdvancedSettings, getPlanInTenant, toAdvancedSettingsView } from "./internal";
import type { AdvancedSettingsInput } from "./schemas";

export async function getAdvancedSettings(ctx: ServiceContext, planId: string): Promise<AdvancedSettingsView> {
  requirePermission(ctx, "plans:read");
  return withTenantTx(ctx, async (tx) => {
    const plan = await getPlanInTenant(tx, ctx.tenant.id, planId);
    return toAdvancedSettingsView(plan, await findAdvancedSettings(tx, ctx.tenant.id, planId));
  });
}

/**
 * Replaces a plan's settings (creating them on first PUT). With burst on, RouterOS only bursts when
 * threshold ≤ max rate < burst limit, so: threshold ≤ download speed < burst limit. Checked against
 * the plan as it is now; a later speed change does not rewrite these.
 */
export async function putAdvancedSettings(
  ctx: ServiceContext,
  planId: string,
  input: AdvancedSettingsInput,
): Promise<AdvancedSettingsView> {
  requirePermission(ctx, "plans:write");
  const tenantId = ctx.tenant.id;
  const view = await withTenantTx(ctx, async (tx, txCtx) => {
    const plan = await getPlanInTenant(tx, tenantId, planId, true);
    if (input.burstEnabled) {
      const down = plan.speedDownloadMbps;
      if ((input.burstLimitMbps ?? 0) <= down) {
        throw new InvalidInputError(`burstLimitMbps must exceed the plan's ${down} Mbps download`, "burstLimitMbps");
      }
      if ((input.burstThresholdMbps ?? 0) > down) {
        throw new InvalidInputError(
          `burstThresholdMbps must not exceed the plan's ${down} Mbps download`,
          "burstThresholdMbps",
        );
      }
    }
    const before = await findAdvancedSettings(tx, tenantId, planId);
    const values = { ...input, updatedAt: new Date() };
    const [row] = await tx
      .insert(servicePlanAdvancedSettings)
      .values({ tenantId, servicePlanId: planId, ...values })
      .onConflictDoUpdate({ target: servicePlanAdvancedSettings.servicePlanId, set: values })
      .returning();
    if (!row) throw new Error("upsert returned no settings");
    const after = toAdvancedSettingsView(plan, row);
    await recordChange(tx, txCtx, {
      tenantId,
      action: before ? "update" : "create",
      entityType: "service_plan_settings",
      entityId: planId,
      changes: before ? diff(before, input) : after,
    });
    return after;
  });
  await invalidatePlanCatalogue(tenantId);
  return view;
}
