import { fc, test } from "@fast-check/vitest";
import { afterAll, beforeAll, expect, describe as group, it } from "vitest";
import { ROLES, type Role } from "../../src/services/context";
import { type Permission, roleCan } from "../../src/services/permissions";
import { api, describe } from "../support/api";
import { createTestTenant, loginAs, type Session, type TestTenant } from "../support/harness";

interface Operation {
  method: string;
  path: string;
  permission: Permission;
  hasBody: boolean;
}

interface OpenApiDoc {
  paths: Record<string, Record<string, { "x-permission"?: Permission; requestBody?: unknown }>>;
}

/**
 * The route table as the OpenAPI document states it: every operation declaring `x-permission`
 * (all authenticated tenant routes, through `tenantRoute`). Read at collection time from the
 * running Worker, so routes added later are covered without touching this test.
 */
const doc = (await api<OpenApiDoc>("/api/v1/openapi.json")).body;
const operations: Operation[] = Object.entries(doc.paths).flatMap(([path, item]) =>
  Object.entries(item)
    .filter(([, op]) => op["x-permission"])
    .map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      permission: op["x-permission"] as Permission,
      hasBody: op.requestBody !== undefined,
    })),
);
const everyPair = operations.flatMap((op) => ROLES.map((role) => [role, op] as [Role, Operation]));

let t: TestTenant & { remove(): Promise<void> };
let sessions: Record<Role, Session>;
beforeAll(async () => {
  t = await createTestTenant({ keep: true });
  const signed = await Promise.all(ROLES.map((r) => loginAs(t, r)));
  sessions = Object.fromEntries(ROLES.map((r, i) => [r, signed[i]])) as Record<Role, Session>;
});
afterAll(() => t.remove());

group("authorization over the route table", () => {
  it("finds the permission-guarded routes in the OpenAPI document", () => {
    expect(operations.length).toBeGreaterThanOrEqual(6);
    expect(operations).toContainEqual(
      expect.objectContaining({ method: "DELETE", path: "/api/v1/users/{id}", permission: "users:write" }),
    );
  });

  // Property 7: Authorization Enforcement
  test.prop([fc.constantFrom(...ROLES), fc.constantFrom(...operations)], { numRuns: 100, examples: everyPair })(
    "a role without the route's permission gets 403; a role with it never does",
    async (role, op) => {
      // A syntactically valid, minimal request: random ids in the path, an empty JSON body.
      const path = op.path.replace(/\{[^}]+\}/g, () => crypto.randomUUID());
      const res = await api<{ code: string }>(path, {
        method: op.method,
        headers: sessions[role].headers,
        ...(op.hasBody ? { body: {} } : {}),
      });
      const what = `${role} ${op.method} ${op.path} (${op.permission}): ${describe(res)}`;
      if (roleCan(role, op.permission)) {
        expect(res.status, what).not.toBe(403);
        expect(res.status, what).toBeLessThan(500);
      } else {
        expect(res.status, what).toBe(403);
        expect(res.body.code, what).toBe("FORBIDDEN");
      }
    },
  );
});
