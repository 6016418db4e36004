import { expect, describe as group, it } from "vitest";
import { api, describe } from "../../support/api";
import { createTestTenant, loginAs } from "../../support/harness";
import { runCommonRouteTests } from "../../support/security-suite";
import type { UserView } from "../../support/users";

runCommonRouteTests({
  method: "GET",
  path: "/api/v1/users/{id}",
  permission: "users:read",
  makeResource: async (t) => t.users.viewer.id,
});

group("GET /api/v1/users/{id}", () => {
  it("200: the user, without any password material", async () => {
    const t = await createTestTenant();
    const admin = await loginAs(t);
    const res = await api<UserView>(`/api/v1/users/${t.users.operator.id}`, { headers: admin.headers });
    expect(res.status, describe(res)).toBe(200);
    expect(res.body).toMatchObject({ id: t.users.operator.id, email: t.users.operator.email, role: "operator" });
    expect(Object.keys(res.body).sort()).toEqual([
      "createdAt",
      "email",
      "id",
      "isActive",
      "lastLoginAt",
      "name",
      "role",
    ]);
  });

  it("404: an unknown id; 400: not a uuid", async () => {
    const t = await createTestTenant();
    const admin = await loginAs(t);
    const unknown = await api(`/api/v1/users/${crypto.randomUUID()}`, { headers: admin.headers });
    expect(unknown.status, describe(unknown)).toBe(404);
    const bad = await api("/api/v1/users/not-a-uuid", { headers: admin.headers });
    expect(bad.status, describe(bad)).toBe(400);
  });
});
