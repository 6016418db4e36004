import type { Logger } from "../../lib/logger";
import type { ConnectorGatewayClient, NewCommand } from "../connectors/gateway";
import { type ServiceContext, withTenantTx } from "../context";
import { loadCustomer, loadPlans, loadRouters, routersUsingPlan } from "./load";
import type { Change } from "./planner";
import { planCustomer } from "./planner";
import { planProfile } from "./profile";
import { type ProvisioningReport, reportProvisioning } from "./report";

export interface ProvisioningDeps {
  gateway: ConnectorGatewayClient;
  log: Logger;
}

interface Subject {
  version: string;
  connectorId: string | null;
  report: ProvisioningReport | null;
}

/**
 * Collects the commands of one tenant's changes (an event batch, a sweep), then hands them to each
 * connector's gateway in one call per connector and records what the customers now wait for.
 */
export class ProvisioningBatch {
  readonly #commands = new Map<string, NewCommand[]>();
  readonly #subjects = new Map<string, Subject>();

  constructor(
    private readonly ctx: ServiceContext,
    private readonly deps: ProvisioningDeps,
  ) {}

  /** Plans a customer's change; `key` makes the commands idempotent (an event id, a sweep run). */
  async addCustomer(customerId: string, change: Change, key: string): Promise<void> {
    const secrets = this.ctx.secrets;
    if (!secrets) throw new Error("secret box missing from the service context");
    await withTenantTx(this.ctx, async (tx) => {
      const loaded = await loadCustomer(tx, this.ctx.tenant.id, customerId, secrets);
      if (!loaded) return;
      const plan = planCustomer(loaded.customer, change);
      const routers = await loadRouters(tx, this.ctx.tenant.id, [...new Set(plan.ops.map((o) => o.routerId))]);
      const subject: Subject = { version: loaded.version, connectorId: null, report: null };
      if (plan.blocked) {
        const waiting = plan.blocked === "no router assigned";
        subject.report = { state: waiting ? "pending" : "failed", reason: plan.blocked };
      }
      plan.ops.forEach((o, i) => {
        const router = routers.get(o.routerId);
        const problem = !router
          ? `router ${o.routerId} not found`
          : !router.connectorId
            ? `router ${router.name} has no connector`
            : !router.isActive
              ? `router ${router.name} is inactive`
              : null;
        if (problem || !router?.connectorId) {
          if (o.reports) subject.report ??= { state: "pending", reason: problem ?? "no connector" };
          return;
        }
        if (o.reports) subject.connectorId = router.connectorId;
        this.push(router.connectorId, {
          ...o.op,
          routerId: o.routerId,
          idempotencyKey: `${key}:${i}`,
          ...(o.reports ? { subject: customerId, version: loaded.version } : {}),
          ...(o.kickOnChange ? { kickOnChange: true } : {}),
        });
      });
      if (!subject.connectorId && !subject.report) subject.report = { state: "applied" };
      this.#subjects.set(customerId, subject);
    });
  }

  /** A plan's profile changed: ensure it on every router whose customers use it (no kicks). */
  async addPlan(planId: string, key: string): Promise<void> {
    await withTenantTx(this.ctx, async (tx) => {
      const plan = (await loadPlans(tx, this.ctx.tenant.id, [planId])).get(planId);
      if (!plan) return;
      const profile = planProfile(plan);
      if (!profile.ok) {
        this.deps.log.warn("plan profile not provisionable", { planId, reason: profile.reason });
        return;
      }
      const routers = await loadRouters(tx, this.ctx.tenant.id, await routersUsingPlan(tx, this.ctx.tenant.id, planId));
      for (const r of routers.values()) {
        if (!r.connectorId || !r.isActive) continue;
        this.push(r.connectorId, {
          op: "ensureProfile",
          args: profile.args,
          routerId: r.id,
          idempotencyKey: `${key}:${r.id}`,
        });
      }
    });
  }

  private push(connectorId: string, cmd: NewCommand): void {
    const list = this.#commands.get(connectorId) ?? [];
    list.push(cmd);
    this.#commands.set(connectorId, list);
  }

  /** Enqueues per connector, then writes each customer's state: blocked, waiting for its connector, or pending. */
  async flush(): Promise<{ enqueued: number; connectors: number }> {
    let enqueued = 0;
    const offline = new Set<string>();
    for (const [connectorId, commands] of this.#commands) {
      const r = await this.deps.gateway.enqueue(connectorId, { tenantId: this.ctx.tenant.id, commands });
      enqueued += r.accepted;
      if (!r.connected) offline.add(connectorId);
    }
    for (const [customerId, s] of this.#subjects) {
      let report = s.report;
      if (!report && s.connectorId && offline.has(s.connectorId)) {
        const why = this.deps.gateway.available ? "its connector is offline" : "connectors are not configured";
        report = { state: "pending", reason: `waiting: ${why}` };
      }
      if (report) await reportProvisioning(this.ctx, customerId, s.version, report);
    }
    const connectors = this.#commands.size;
    this.#commands.clear();
    this.#subjects.clear();
    return { enqueued, connectors };
  }
}
