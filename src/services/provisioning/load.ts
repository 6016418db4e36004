import { and, eq, inArray, isNull, ne, or, sql } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { customers, mikrotikRouters, servicePlanAdvancedSettings, servicePlans } from "../../db/schema";
import type { SecretBox } from "../../lib/secrets";
import type { CustomerForPlan } from "./planner";
import { type PlanForProfile, planProfile } from "./profile";
import { CUSTOMER_VERSION } from "./report";

export interface LoadedCustomer {
  customer: CustomerForPlan;
  version: string;
}

/** A customer as provisioning sees it (soft-deleted ones too: their secret must go), with its version. */
export async function loadCustomer(
  tx: Tx,
  tenantId: string,
  customerId: string,
  secrets: SecretBox,
): Promise<LoadedCustomer | null> {
  const [row] = await tx
    .select({ c: customers, version: CUSTOMER_VERSION })
    .from(customers)
    .where(and(eq(customers.tenantId, tenantId), eq(customers.id, customerId)))
    .limit(1);
  if (!row) return null;
  const c = row.c;
  const planId = c.effectivePlanId ?? c.servicePlanId;
  const plan = await loadPlans(tx, tenantId, [planId]);
  const p = plan.get(planId);
  const profile = p ? planProfile(p) : null;
  let password: string | null = null;
  if (c.pppoePasswordEnc) password = await secrets.decrypt(c.pppoePasswordEnc);
  return {
    version: row.version,
    customer: {
      id: c.id,
      status: c.status,
      deleted: c.deletedAt !== null,
      routerId: c.routerId,
      pppoeUsername: c.pppoeUsername,
      pppoePassword: password,
      profile: profile === null ? null : profile.ok ? profile.args : { error: profile.reason },
    },
  };
}

/** Plans with their advanced settings, by id. */
export async function loadPlans(tx: Tx, tenantId: string, ids: string[]): Promise<Map<string, PlanForProfile>> {
  if (ids.length === 0) return new Map();
  const rows = await tx
    .select({ p: servicePlans, s: servicePlanAdvancedSettings })
    .from(servicePlans)
    .leftJoin(servicePlanAdvancedSettings, eq(servicePlanAdvancedSettings.servicePlanId, servicePlans.id))
    .where(and(eq(servicePlans.tenantId, tenantId), inArray(servicePlans.id, ids)));
  return new Map(
    rows.map(({ p, s }) => [
      p.id,
      {
        id: p.id,
        speedDownloadMbps: p.speedDownloadMbps,
        speedUploadMbps: p.speedUploadMbps,
        settings: s
          ? {
              burstEnabled: s.burstEnabled,
              burstLimitMbps: s.burstLimitMbps,
              burstThresholdMbps: s.burstThresholdMbps,
              burstTimeSeconds: s.burstTimeSeconds,
              priority: s.priority,
              addressPool: s.addressPool,
              dnsServers: s.dnsServers,
              parentQueue: s.parentQueue,
            }
          : null,
      },
    ]),
  );
}

export interface RouterRoute {
  id: string;
  name: string;
  connectorId: string | null;
  isActive: boolean;
}

export async function loadRouters(tx: Tx, tenantId: string, ids: string[]): Promise<Map<string, RouterRoute>> {
  if (ids.length === 0) return new Map();
  const rows = await tx
    .select({
      id: mikrotikRouters.id,
      name: mikrotikRouters.name,
      connectorId: mikrotikRouters.connectorId,
      isActive: mikrotikRouters.isActive,
    })
    .from(mikrotikRouters)
    .where(and(eq(mikrotikRouters.tenantId, tenantId), inArray(mikrotikRouters.id, ids)));
  return new Map(rows.map((r) => [r.id, r]));
}

/** Routers with live customers whose enforced plan is this one: where the plan's profile must change. */
export async function routersUsingPlan(tx: Tx, tenantId: string, planId: string): Promise<string[]> {
  const rows = await tx
    .selectDistinct({ routerId: customers.routerId })
    .from(customers)
    .where(
      and(
        eq(customers.tenantId, tenantId),
        isNull(customers.deletedAt),
        ne(customers.status, "terminated"),
        sql`${customers.routerId} is not null`,
        or(
          eq(customers.effectivePlanId, planId),
          and(isNull(customers.effectivePlanId), eq(customers.servicePlanId, planId)),
        ),
      ),
    );
  return rows.flatMap((r) => (r.routerId ? [r.routerId] : []));
}
