import { afterAll, beforeAll, expect, describe as group, it } from "vitest";
import { ROLES, type Role } from "../../src/services/context";
import { type Permission, roleCan } from "../../src/services/permissions";
import { api, describe } from "./api";
import { createTestTenant, loginAs, type Session, type TestTenant } from "./harness";
import { expiredToken, foreignKeyToken } from "./tokens";

export interface CommonRouteSpec {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** The full path with `{id}` placeholders, e.g. `/api/v1/users/{id}`. */
  path: string;
  /** The permission the route declares (`x-permission`); the 403 cases follow from the matrix. */
  permission: Permission;
  /** A valid body, sent with every case; the 400 case sends it with an unknown field added. */
  body?: unknown;
  /** The body of the 400 case, when "valid body + an unknown field" does not suit the route. */
  invalidBody?: unknown;
  /**
   * Creates the resource in `tenant` (signed in as its admin) and returns its id, which fills
   * `{id}`. Given, the suite also checks that another tenant's id is a 404; without it `{id}` is a
   * random uuid (the 401/403/400 checks all come before the lookup).
   */
  makeResource?: (tenant: TestTenant, admin: Session) => Promise<string>;
}

type Tenant = TestTenant & { remove(): Promise<void> };

/**
 * The checks every authenticated tenant route must pass, generated from a one-line description:
 * no token → 401; expired, foreign-signed and garbage tokens → 401; every role the permission
 * matrix denies → 403; another tenant's resource → 404; an invalid body → 400 problem+json.
 *
 * @example
 * runCommonRouteTests({ method: "PATCH", path: "/api/v1/users/{id}", permission: "users:write",
 *   body: { name: "Budi" }, makeResource: (t) => Promise.resolve(t.users.viewer.id) });
 */
export function runCommonRouteTests(spec: CommonRouteSpec): void {
  const denied = ROLES.filter((role) => !roleCan(role, spec.permission));
  const hasId = spec.path.includes("{");

  group(`${spec.method} ${spec.path}: common security checks`, () => {
    let own: Tenant;
    let other: Tenant;
    let admin: Session;
    let ownPath: string;
    let otherPath: string;

    beforeAll(async () => {
      [own, other] = await Promise.all([createTestTenant({ keep: true }), createTestTenant({ keep: true })]);
      admin = await loginAs(own, "admin");
      const ownId = spec.makeResource ? await spec.makeResource(own, admin) : crypto.randomUUID();
      ownPath = fill(spec.path, ownId);
      if (spec.makeResource) otherPath = fill(spec.path, await spec.makeResource(other, await loginAs(other, "admin")));
    });
    afterAll(async () => {
      await Promise.all([own?.remove(), other?.remove()]);
    });

    const call = (path: string, headers: Record<string, string>, body = spec.body) =>
      api<{ code: string }>(path, { method: spec.method, headers, body });

    it("401 without a token", async () => {
      const res = await call(ownPath, own.headers);
      expect(res.status, describe(res)).toBe(401);
      expect(res.body.code).toBe("UNAUTHORIZED");
    });

    it("401 with an expired, a foreign-signed or a garbage token", async () => {
      const claims = { user_id: own.users.admin.id, tenant_id: own.id, role: "admin" };
      const tokens = [await expiredToken(claims), await foreignKeyToken(claims), "not-a-jwt", "a.b.c"];
      for (const token of tokens) {
        const res = await call(ownPath, { ...own.headers, authorization: `Bearer ${token}` });
        expect(res.status, `${token.slice(0, 40)}: ${describe(res)}`).toBe(401);
      }
    });

    for (const role of denied) {
      it(`403 for ${role} (the matrix denies ${spec.permission})`, async () => {
        const session = await loginAs(own, role as Role);
        const res = await call(ownPath, session.headers);
        expect(res.status, describe(res)).toBe(403);
        expect(res.body.code).toBe("FORBIDDEN");
      });
    }

    if (hasId && spec.makeResource) {
      it("404 for another tenant's resource (existence does not leak)", async () => {
        const res = await call(otherPath, admin.headers);
        expect(res.status, describe(res)).toBe(404);
        expect(res.body.code).toBe("NOT_FOUND");
      });
    }

    if (spec.body !== undefined || spec.invalidBody !== undefined) {
      it("400 problem+json for an invalid body", async () => {
        const invalid = spec.invalidBody ?? { ...(spec.body as object), unexpectedField: true };
        const res = await call(ownPath, admin.headers, invalid);
        expect(res.status, describe(res)).toBe(400);
        expect(res.headers.get("content-type")).toContain("application/problem+json");
        expect(res.body.code).toBe("VALIDATION_ERROR");
      });
    }
  });
}

function fill(path: string, id: string): string {
  return path.replace(/\{[^}]+\}/g, id);
}
