import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import {
  type ServicePlan,
  type ServicePlanAdvancedSetting,
  servicePlanAdvancedSettings,
  servicePlans,
} from "../../db/schema";
import { NotFoundError } from "../errors";
import { formatRateLimit, planRateLimit } from "./rate-limit";

/** The plan with this id in this tenant, or undefined (another tenant's id included). */
export async function findPlanInTenant(db: DbOrTx, tenantId: string, id: string): Promise<ServicePlan | undefined> {
  const [row] = await db
    .select()
    .from(servicePlans)
    .where(and(eq(servicePlans.tenantId, tenantId), eq(servicePlans.id, id)))
    .limit(1);
  return row;
}

/** Fetch-or-throw: 404 for an unknown id and for another tenant's id alike. */
export async function getPlanInTenant(db: DbOrTx, tenantId: string, id: string, lock = false): Promise<ServicePlan> {
  const query = db
    .select()
    .from(servicePlans)
    .where(and(eq(servicePlans.tenantId, tenantId), eq(servicePlans.id, id)))
    .limit(1);
  const [row] = lock ? await query.for("update") : await query;
  if (!row) throw new NotFoundError("service plan", id);
  return row;
}

/** The plan as the API shows it. */
export function toPlanView(p: ServicePlan) {
  return {
    id: p.id,
    name: p.name,
    description: p.description,
    speedDownloadMbps: p.speedDownloadMbps,
    speedUploadMbps: p.speedUploadMbps,
    price: p.price,
    isActive: p.isActive,
    features: p.features,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}
export type PlanView = ReturnType<typeof toPlanView>;

export async function findAdvancedSettings(
  db: DbOrTx,
  tenantId: string,
  planId: string,
): Promise<ServicePlanAdvancedSetting | undefined> {
  const [row] = await db
    .select()
    .from(servicePlanAdvancedSettings)
    .where(
      and(eq(servicePlanAdvancedSettings.tenantId, tenantId), eq(servicePlanAdvancedSettings.servicePlanId, planId)),
    )
    .limit(1);
  return row;
}

/** RouterOS defaults, which is what a plan without a settings row gets on the router. */
const DEFAULT_SETTINGS = {
  burstEnabled: false,
  burstLimitMbps: null,
  burstThresholdMbps: null,
  burstTimeSeconds: null,
  priority: 8,
  maxConnections: null,
  addressPool: null,
  dnsServers: [] as string[],
  transparentProxy: false,
  queueType: "pcq",
  parentQueue: null,
  updatedAt: null,
};

/** Settings as the API shows them, with the derived read-only `rateLimit`; defaults when never set. */
export function toAdvancedSettingsView(plan: ServicePlan, s: ServicePlanAdvancedSetting | undefined) {
  const v = s ?? DEFAULT_SETTINGS;
  return {
    servicePlanId: plan.id,
    configured: s !== undefined,
    burstEnabled: v.burstEnabled,
    burstLimitMbps: v.burstLimitMbps,
    burstThresholdMbps: v.burstThresholdMbps,
    burstTimeSeconds: v.burstTimeSeconds,
    priority: v.priority,
    maxConnections: v.maxConnections,
    addressPool: v.addressPool,
    dnsServers: v.dnsServers,
    transparentProxy: v.transparentProxy,
    queueType: v.queueType,
    parentQueue: v.parentQueue,
    rateLimit: formatRateLimit(planRateLimit(plan, v)),
    updatedAt: v.updatedAt ? v.updatedAt.toISOString() : null,
  };
}
export type AdvancedSettingsView = ReturnType<typeof toAdvancedSettingsView>;
