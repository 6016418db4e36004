/**
 * Provisioning latency, as the end-to-end test drives it: an API call → domain event → waitUntil
 * → the connector's ConnectorGateway outbox → WebSocket → the real connector process → RouterOS
 * API → the simulator. Each figure runs from sending the request until the simulator's state
 * shows the change (checked every 1 ms, in this process). Between steps the bench waits until the
 * customer reads `applied` (the result is recorded), so no step overlaps the previous one's tail.
 */
import type { RouterOsSim } from "../../../connector/sim/index.ts";
import { type TenantApi, until } from "./connector-api.ts";
import { type Stats, stats } from "./stats.ts";

type Customer = { id: string; pppoeUsername: string; provisioningState: string };

export interface ProvisioningSetup {
  api: TenantApi;
  sim: RouterOsSim;
  routerId: string;
  plans: { basic: string; fast: string };
}

export const STEPS = ["create", "suspend", "reactivate", "planChange", "terminate"] as const;
export type Step = (typeof STEPS)[number];

export interface ProvisioningFigures {
  /** API call → state on the simulator, per step. */
  applied: Record<Step, Stats>;
  /** The API's own answer to the create and status calls (the request, without provisioning). */
  response: { create: Stats; status: Stats };
}

const profileOf = (planId: string) => `rtrw-plan-${planId}`;
const isDisabled = (v: string | undefined) => v === "true" || v === "yes";

export async function provisioningLatency(s: ProvisioningSetup, cycles: number): Promise<ProvisioningFigures> {
  const applied = Object.fromEntries(STEPS.map((k) => [k, [] as number[]])) as Record<Step, number[]>;
  const response = { create: [] as number[], status: [] as number[] };
  const secret = (name: string) => s.sim.state.secrets.byName(name);
  const online = (name: string) => s.sim.state.active.byName(name) !== undefined;

  /** Times `call` until `visible()` holds on the simulator; records both the response and the effect. */
  const timed = async (
    step: Step,
    call: () => Promise<unknown>,
    visible: () => boolean,
    kind?: "create" | "status",
  ) => {
    const started = performance.now();
    await call();
    const answered = performance.now();
    await until(`${step} visible on the simulator`, () => (visible() ? true : undefined), 20_000);
    const done = performance.now();
    return { step, total: done - started, response: answered - started, kind };
  };
  const settled = (id: string) =>
    until(
      `customer ${id} applied`,
      async () => {
        const c = await s.api.ok<Customer>(200, `/api/v1/customers/${id}`);
        return c.provisioningState === "applied" ? c : undefined;
      },
      20_000,
      10,
    );
  const setStatus = (id: string, status: string) =>
    s.api.ok(200, `/api/v1/customers/${id}/status`, { method: "PATCH", body: { status } });

  // Cycle 0 warms up (the plan profiles are created on the router there) and is not recorded.
  for (let i = 0; i <= cycles; i++) {
    const results: Awaited<ReturnType<typeof timed>>[] = [];
    let c: Customer | undefined;
    results.push(
      await timed(
        "create",
        async () => {
          c = await s.api.ok<Customer>(201, "/api/v1/customers", {
            body: {
              name: `Pelanggan ${i}`,
              phone: "081234567890",
              address: "Jl. Melati 3",
              servicePlanId: s.plans.basic,
              routerId: s.routerId,
              pppoePassword: "rahasia123",
            },
          });
        },
        () => c !== undefined && secret(c.pppoeUsername)?.profile === profileOf(s.plans.basic),
        "create",
      ),
    );
    if (!c) throw new Error("no customer created");
    const { id, pppoeUsername: user } = c;
    await settled(id);
    s.sim.state.injectSession(user);
    results.push(
      await timed(
        "suspend",
        () => setStatus(id, "suspended"),
        () => isDisabled(secret(user)?.disabled) && !online(user),
        "status",
      ),
    );
    await settled(id);
    results.push(
      await timed(
        "reactivate",
        () => setStatus(id, "active"),
        () => secret(user)?.disabled === "false",
      ),
    );
    await settled(id);
    s.sim.state.injectSession(user);
    results.push(
      await timed(
        "planChange",
        () => s.api.ok(200, `/api/v1/customers/${id}`, { method: "PATCH", body: { servicePlanId: s.plans.fast } }),
        () => secret(user)?.profile === profileOf(s.plans.fast) && !online(user),
      ),
    );
    await settled(id);
    results.push(
      await timed(
        "terminate",
        () => setStatus(id, "terminated"),
        () => secret(user) === undefined,
      ),
    );
    await settled(id);
    if (i === 0) continue;
    for (const r of results) {
      applied[r.step].push(r.total);
      if (r.kind) response[r.kind].push(r.response);
    }
  }
  return {
    applied: Object.fromEntries(STEPS.map((k) => [k, stats(applied[k])])) as Record<Step, Stats>,
    response: { create: stats(response.create), status: stats(response.status) },
  };
}
