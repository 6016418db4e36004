import { fc, test } from "@fast-check/vitest";
import { beforeAll, describe, expect } from "vitest";
import { ROLES, type Role } from "../../src/services/context";
import { type Resource, roleCan } from "../../src/services/permissions";
import { HubClient, hubEvent, hubOf } from "./hub-client";

/** The oracle, written independently of the hub's own table: the entity types services record. */
const EXPECTED: Record<string, Resource | undefined> = {
  customer: "customers",
  payment: "payments",
  service_plan: "plans",
  ticket: "tickets",
  device: "devices",
  mikrotik_router: "routers",
  speed_boost: "speed_boosts",
  infrastructure_item: "inventory",
  alert: "alerts",
  monitoring: "monitoring",
  job: "jobs",
  backup: "backups",
  notification: "notifications",
  user: "users",
  tenant: "settings",
  unmapped_thing: undefined, // not in any table: admins only
  constructor: undefined, // a prototype key is no entity
};
const shouldSee = (role: Role, entityType: string) => {
  const resource = EXPECTED[entityType];
  return resource ? roleCan(role, `${resource}:read`) : role === "admin";
};

const SECRETISH = /pass(word)?|secret|token|_enc$|Enc$|private|api_?key/i;
const key = fc.oneof(
  fc.constantFrom("password", "passwordEnc", "apiKey", "api_key", "clientSecret", "accessToken", "privateKey", "name"),
  fc.string({ minLength: 1, maxLength: 8 }),
);
/** Plain objects, as JSON event data is (null-prototype ones cannot cross RPC). */
const plain = { maxKeys: 5, noNullPrototype: true };
const payload = fc.dictionary(key, fc.oneof(fc.string(), fc.integer(), fc.dictionary(key, fc.string(), plain)), plain);

function secretKeysIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(secretKeysIn);
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => [...(SECRETISH.test(k) ? [k] : []), ...secretKeysIn(v)]);
  }
  return [];
}

const tenantA = crypto.randomUUID();
const tenantB = crypto.randomUUID();
const sockets = new Map<Role, HubClient>();
let outsider: HubClient;
let run = 0;

beforeAll(async () => {
  for (const role of ROLES) sockets.set(role, await HubClient.direct(tenantA, role));
  outsider = await HubClient.direct(tenantB, "admin");
  // Subscribed to every bandwidth sample, so monitoring events are decided by the role alone.
  for (const c of [...sockets.values(), outsider]) {
    c.send({ type: "subscribe", topics: ["monitoring:*"] });
    await c.next((m) => m.event === "subscribed");
  }
});

describe("TenantHub RBAC", () => {
  // Property 57: Event Broadcasting on Entity Changes
  test.prop([fc.constantFrom(...Object.keys(EXPECTED)), fc.boolean(), payload], { numRuns: 100 })(
    "an event reaches exactly the tenant's sockets whose role may read its entity, never another tenant's, never with secrets",
    async (entityType, fromOtherTenant, data) => {
      run += 1;
      const type = `${entityType}.p${run}`;
      const e = { ...hubEvent(fromOtherTenant ? tenantB : tenantA, entityType, { data }), type };
      const result = await hubOf(tenantA).broadcast(e);
      expect(result.refused).toBe(fromOtherTenant ? 1 : 0);

      const sentinel = `customer.s${run}`;
      await hubOf(tenantA).broadcast({ ...hubEvent(tenantA, "customer"), type: sentinel });
      await hubOf(tenantB).broadcast({ ...hubEvent(tenantB, "customer"), type: sentinel });
      for (const [role, c] of sockets) {
        await c.next((m) => m.event === sentinel);
        const got = c.messages().filter((m) => m.event === type);
        expect(got.length, `${role} / ${type}`).toBe(!fromOtherTenant && shouldSee(role, entityType) ? 1 : 0);
        for (const m of got) {
          expect(secretKeysIn(m.data)).toEqual([]);
          for (const k of Object.keys(data)) if (!SECRETISH.test(k)) expect(m.data).toHaveProperty([k]);
        }
      }
      await outsider.next((m) => m.event === sentinel);
      expect(outsider.messages().some((m) => m.event === type)).toBe(false);
    },
  );
});
