import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { type Change, type CustomerForPlan, planCustomer } from "../../src/services/provisioning/planner";
import { type PlanForProfile, planProfile } from "../../src/services/provisioning/profile";
import { triggerOf } from "../../src/services/provisioning/triggers";
import { applyAll, cloneRouter, emptyRouter, type RouterModel } from "./router-model";

/**
 * Properties 25–28 over the planner (event → ops), checked on a model router that applies ops
 * with the connector's semantics: the end state each business change must leave on the router.
 */

const ROUTER = "0b6b3f5e-7c6e-4b7a-9c1d-2a3b4c5d6e7f";
const uuid = fc.uuid({ version: 4 });

const planArb: fc.Arbitrary<PlanForProfile> = fc.record({
  id: uuid,
  speedDownloadMbps: fc.integer({ min: 1, max: 1000 }),
  speedUploadMbps: fc.integer({ min: 1, max: 1000 }),
  settings: fc.option(
    fc.record({
      burstEnabled: fc.boolean(),
      burstLimitMbps: fc.option(fc.integer({ min: 1, max: 2000 }), { nil: null }),
      burstThresholdMbps: fc.option(fc.integer({ min: 1, max: 2000 }), { nil: null }),
      burstTimeSeconds: fc.option(fc.integer({ min: 1, max: 600 }), { nil: null }),
      priority: fc.integer({ min: 1, max: 8 }),
      addressPool: fc.option(fc.constantFrom("pool-rt01", "pppoe-pool"), { nil: null }),
      dnsServers: fc.array(fc.ipV4(), { maxLength: 3 }),
      parentQueue: fc.option(fc.constant("global-parent"), { nil: null }),
    }),
    { nil: null },
  ),
});

const username = fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,30}$/);
const password = fc.stringMatching(/^[\x21-\x7e]{6,20}$/);

function customer(
  plan: PlanForProfile,
  fields: Partial<CustomerForPlan> & { id: string; pppoeUsername: string; pppoePassword: string },
): CustomerForPlan {
  const p = planProfile(plan);
  if (!p.ok) throw new Error(p.reason);
  return { status: "active", deleted: false, routerId: ROUTER, profile: p.args, ...fields };
}

/** A router that may already hold anything: other customers' secrets and sessions, and maybe this one's. */
const routerArb = fc
  .record({
    others: fc.uniqueArray(fc.tuple(fc.stringMatching(/^other-[a-z0-9]{1,8}$/), fc.boolean()), {
      selector: (t) => t[0],
      maxLength: 4,
    }),
  })
  .map(({ others }) => {
    const r = emptyRouter();
    r.profiles.set("default", { rateLimit: "", comment: "" });
    for (const [name, online] of others) {
      r.secrets.set(name, { password: "x", profile: "default", disabled: false, comment: "rtrw:someone-else" });
      if (online) r.sessions.add(name);
    }
    return r;
  });

function othersUntouched(before: RouterModel, after: RouterModel, own: string) {
  for (const [name, s] of before.secrets) if (name !== own) expect(after.secrets.get(name)).toEqual(s);
  for (const name of before.sessions) if (name !== own) expect(after.sessions.has(name)).toBe(true);
}

describe("provisioning planner on a model router", () => {
  // Property 25: PPPoE Secret Creation on Customer Activation
  test.prop(
    [
      planArb,
      uuid,
      username,
      password,
      routerArb,
      fc.constantFrom<Change>({ kind: "created" }, { kind: "status", to: "active" }),
    ],
    {
      numRuns: 150,
    },
  )(
    "activation leaves the secret on the router, enabled, on the plan's profile",
    (plan, id, name, pw, router, change) => {
      const c = customer(plan, { id, pppoeUsername: name, pppoePassword: pw });
      const before = cloneRouter(router);
      const after = applyAll(router, planCustomer(c, change).ops);
      const profile = planProfile(plan);
      if (!profile.ok) throw new Error("unreachable");
      expect(after.secrets.get(name)).toEqual({
        password: pw,
        profile: profile.args.name,
        disabled: false,
        comment: `rtrw:${id}`,
      });
      expect(after.profiles.get(profile.args.name)?.rateLimit).toBe(profile.args.rateLimit);
      othersUntouched(before, after, name);
    },
  );

  // Property 26: PPPoE Profile Update on Plan Change
  test.prop([planArb, planArb, uuid, username, password, routerArb], { numRuns: 150 })(
    "a plan change (or boost start/end) moves the secret to the new plan's profile and kicks the session",
    (oldPlan, newPlan, id, name, pw, router) => {
      applyAll(
        router,
        planCustomer(customer(oldPlan, { id, pppoeUsername: name, pppoePassword: pw }), { kind: "created" }).ops,
      );
      router.sessions.add(name);
      const before = cloneRouter(router);
      const after = applyAll(
        router,
        planCustomer(customer(newPlan, { id, pppoeUsername: name, pppoePassword: pw }), { kind: "plan" }).ops,
      );
      const profile = planProfile(newPlan);
      if (!profile.ok) throw new Error("unreachable");
      expect(after.secrets.get(name)?.profile).toBe(profile.args.name);
      expect(after.profiles.get(profile.args.name)?.rateLimit).toBe(profile.args.rateLimit);
      expect(after.sessions.has(name)).toBe(false);
      expect(after.kicked.filter((k) => k === name)).toHaveLength(1);
      othersUntouched(before, after, name);
    },
  );

  // Property 27: PPPoE Secret Disable on Suspension
  test.prop([planArb, uuid, username, password, routerArb, fc.boolean(), fc.boolean()], { numRuns: 150 })(
    "suspension leaves the secret disabled and no session, whether or not the secret was there",
    (plan, id, name, pw, router, provisioned, online) => {
      if (provisioned)
        applyAll(
          router,
          planCustomer(customer(plan, { id, pppoeUsername: name, pppoePassword: pw }), { kind: "created" }).ops,
        );
      if (online) router.sessions.add(name);
      const before = cloneRouter(router);
      const c = customer(plan, { id, pppoeUsername: name, pppoePassword: pw, status: "suspended" });
      const after = applyAll(router, planCustomer(c, { kind: "status", to: "suspended" }).ops);
      expect(after.secrets.get(name)?.disabled).toBe(true);
      expect(after.sessions.has(name)).toBe(false);
      othersUntouched(before, after, name);
    },
  );

  // Property 28: PPPoE Secret Removal on Termination
  test.prop([planArb, uuid, username, password, routerArb, fc.boolean(), fc.constantFrom("terminated", "deleted")], {
    numRuns: 150,
  })(
    "termination (or deletion) removes the secret and drops the session",
    (plan, id, name, pw, router, online, how) => {
      applyAll(
        router,
        planCustomer(customer(plan, { id, pppoeUsername: name, pppoePassword: pw }), { kind: "created" }).ops,
      );
      if (online) router.sessions.add(name);
      const before = cloneRouter(router);
      const c = customer(plan, {
        id,
        pppoeUsername: name,
        pppoePassword: pw,
        status: how === "terminated" ? "terminated" : "active",
        deleted: how === "deleted",
      });
      const change: Change = how === "terminated" ? { kind: "status", to: "terminated" } : { kind: "deleted" };
      const after = applyAll(router, planCustomer(c, change).ops);
      expect(after.secrets.has(name)).toBe(false);
      expect(after.sessions.has(name)).toBe(false);
      othersUntouched(before, after, name);
    },
  );

  test.prop([planArb, uuid, username, username, password, routerArb], { numRuns: 100 })(
    "a renamed PPPoE username leaves no secret behind under the old name; running a plan twice equals once",
    (plan, id, oldName, newName, pw, router) => {
      applyAll(
        router,
        planCustomer(customer(plan, { id, pppoeUsername: oldName, pppoePassword: pw }), { kind: "created" }).ops,
      );
      const c = customer(plan, { id, pppoeUsername: newName, pppoePassword: pw });
      const ops = planCustomer(c, { kind: "updated", previousUsername: oldName }).ops;
      const once = applyAll(router, ops);
      if (oldName !== newName) expect(once.secrets.has(oldName)).toBe(false);
      expect(once.secrets.get(newName)?.comment).toBe(`rtrw:${id}`);
      const twice = applyAll(cloneRouter(once), ops);
      expect({ ...twice, kicked: [] }).toEqual({ ...once, kicked: [] });
    },
  );

  // Property 26: PPPoE Profile Update on Plan Change
  test.prop(
    [planArb, planArb, uuid, username, username, password, fc.constantFrom("router", "username", "both"), routerArb],
    { numRuns: 150 },
  )(
    "a plan change made together with a new router or username leaves no secret or session behind on the old one",
    (oldPlan, newPlan, id, oldName, otherName, pw, moved, oldRouter) => {
      const NEW_ROUTER = "5e0c2a41-9d3b-4f6e-8a7c-1b2c3d4e5f60";
      const newName = moved === "router" || otherName === oldName ? oldName : otherName;
      const toRouter = moved === "username" ? ROUTER : NEW_ROUTER;
      applyAll(
        oldRouter,
        planCustomer(customer(oldPlan, { id, pppoeUsername: oldName, pppoePassword: pw }), { kind: "created" }).ops,
      );
      oldRouter.sessions.add(oldName);
      const newRouter = toRouter === ROUTER ? oldRouter : emptyRouter();
      const changes: Record<string, { old: unknown; new: unknown }> = {
        servicePlanId: { old: oldPlan.id, new: newPlan.id },
      };
      if (toRouter !== ROUTER) changes.routerId = { old: ROUTER, new: toRouter };
      if (newName !== oldName) changes.pppoeUsername = { old: oldName, new: newName };
      const t = triggerOf({
        id: 1,
        tenantId: id,
        type: "customer.plan_change",
        entityType: "customer",
        entityId: id,
        action: "plan_change",
        actorId: null,
        data: { changes, customer: {} },
        createdAt: "",
      });
      if (t?.kind !== "customer") throw new Error("a plan change must provision the customer");
      const c = customer(newPlan, { id, pppoeUsername: newName, pppoePassword: pw, routerId: toRouter });
      const ops = planCustomer(c, t.change).ops;
      const routers = new Map([
        [ROUTER, oldRouter],
        [NEW_ROUTER, newRouter],
      ]);
      for (const o of ops) {
        const r = routers.get(o.routerId);
        if (!r) throw new Error(`op for an unknown router ${o.routerId}`);
        applyAll(r, [o]);
      }
      if (toRouter !== ROUTER || newName !== oldName) {
        expect(oldRouter.secrets.has(oldName)).toBe(false);
        expect(oldRouter.sessions.has(oldName)).toBe(false);
      }
      const profile = planProfile(newPlan);
      if (!profile.ok) throw new Error("unreachable");
      expect(newRouter.secrets.get(newName)).toEqual({
        password: pw,
        profile: profile.args.name,
        disabled: false,
        comment: `rtrw:${id}`,
      });
    },
  );

  test.prop([fc.constantFrom("create", "status_change", "plan_change", "update", "delete", "restore"), uuid], {
    numRuns: 100,
  })("customer events map to the change they stand for; an update of other fields provisions nothing", (action, id) => {
    const data =
      action === "status_change"
        ? { status: { old: "active", new: "suspended" } }
        : { changes: { phone: { old: "a", new: "b" } } };
    const t = triggerOf({
      id: 1,
      tenantId: id,
      type: `customer.${action}`,
      entityType: "customer",
      entityId: id,
      action,
      actorId: null,
      data,
      createdAt: "",
    });
    const expected: Record<string, string | null> = {
      create: "created",
      status_change: "status",
      plan_change: "plan",
      update: null,
      delete: "deleted",
      restore: null,
    };
    expect(t === null ? null : t.kind === "customer" ? t.change.kind : "other").toBe(expected[action]);
  });
});
