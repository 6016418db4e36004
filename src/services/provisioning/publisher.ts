import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import { devices } from "../../db/schema";
import type { Bindings, Config } from "../../env";
import type { Logger } from "../../lib/logger";
import { type SecretBox, secretBox } from "../../lib/secrets";
import { gatewayClient } from "../connectors/gateway";
import { type ServiceContext, withTenantTx } from "../context";
import type { EventPublisher } from "../events/publisher";
import type { DomainEventView } from "../events/record";
import { systemTenantContext } from "../system-context";
import { ProvisioningBatch, type ProvisioningDeps } from "./batch";
import { loadRouters } from "./load";
import { triggerOf } from "./triggers";

export interface ProvisioningPublisherDeps extends ProvisioningDeps {
  /** The row-level-security handle (opened lazily: most events provision nothing). */
  db: () => Db;
  secrets: SecretBox;
}

/**
 * Provisioning follows the business: committed events that touch what a router enforces become
 * commands in the connector's outbox, right after the response (`waitUntil`). A lost delivery is
 * not lost work: every such change also left the customer `pending`, which the sweeper re-plans.
 */
export async function provisionEvents(ctx: ServiceContext, deps: ProvisioningDeps, events: DomainEventView[]) {
  const batch = new ProvisioningBatch(ctx, deps);
  const connectors = new Set<string>();
  const changed = { router: [] as string[], device: [] as string[] };
  for (const e of events) {
    const t = triggerOf(e);
    if (!t) continue;
    if (t.kind === "customer") await batch.addCustomer(t.customerId, t.change, `evt:${e.id}`);
    else if (t.kind === "plan") await batch.addPlan(t.planId, `evt:${e.id}`);
    else {
      for (const c of t.connectorIds) connectors.add(c);
      changed[t.entity].push(t.id);
    }
  }
  const result = await batch.flush();
  for (const c of await currentConnectors(ctx, changed.router, changed.device)) connectors.add(c);
  for (const c of connectors) await deps.gateway.refreshConfig(c);
  return { ...result, configsRefreshed: connectors.size };
}

/** The connectors the given routers and devices are assigned to now. */
async function currentConnectors(ctx: ServiceContext, routerIds: string[], deviceIds: string[]): Promise<string[]> {
  if (routerIds.length === 0 && deviceIds.length === 0) return [];
  return withTenantTx(ctx, async (tx) => {
    const found: (string | null)[] = [];
    if (routerIds.length) {
      const routers = await loadRouters(tx, ctx.tenant.id, routerIds);
      for (const r of routers.values()) found.push(r.connectorId);
    }
    if (deviceIds.length) {
      const rows = await tx
        .select({ connectorId: devices.connectorId })
        .from(devices)
        .where(and(eq(devices.tenantId, ctx.tenant.id), inArray(devices.id, deviceIds)));
      for (const d of rows) found.push(d.connectorId);
    }
    return found.filter((c): c is string => c !== null);
  });
}

/** The provisioning half of event delivery (tenant by tenant; a failure is logged, never thrown). */
export function provisioningPublisher(deps: ProvisioningPublisherDeps): EventPublisher {
  return {
    publish: async (events) => {
      const relevant = events.filter((e) => triggerOf(e) !== null);
      if (relevant.length === 0 || !deps.gateway.available) return;
      const byTenant = new Map<string, DomainEventView[]>();
      for (const e of relevant) byTenant.set(e.tenantId, [...(byTenant.get(e.tenantId) ?? []), e]);
      for (const [tenantId, list] of byTenant) {
        try {
          const ctx = await systemTenantContext(deps.db(), tenantId, "provisioning", deps.secrets);
          if (ctx) await provisionEvents(ctx, deps, list);
        } catch (err) {
          deps.log.error("provisioning from events failed; the sweeper will retry", {
            tenantId,
            eventIds: list.map((e) => e.id),
            err,
          });
        }
      }
    },
  };
}

/** `publisher` plus provisioning: both get every batch, neither's failure stops the other. */
export function withProvisioning(publisher: EventPublisher, deps: ProvisioningPublisherDeps): EventPublisher {
  const provisioning = provisioningPublisher(deps);
  return {
    publish: async (events) => {
      await Promise.allSettled([publisher.publish(events), provisioning.publish(events)]);
    },
  };
}

/** The deps from the Worker's bindings: the one-line wiring for the request path and the jobs. */
export function provisioningDepsFor(
  env: Pick<Bindings, "CONNECTOR_GATEWAY"> | undefined,
  config: Pick<Config, "ENCRYPTION_KEY">,
  log: Logger,
  db: () => Db,
): ProvisioningPublisherDeps {
  return { gateway: gatewayClient(env?.CONNECTOR_GATEWAY), log, db, secrets: secretBox(config.ENCRYPTION_KEY) };
}
