import { expect, describe as group, it } from "vitest";
import { api, describe } from "../../support/api";
import { createTestTenant, loginAs } from "../../support/harness";
import { runCommonRouteTests } from "../../support/security-suite";
import type { UserView } from "../../support/users";

runCommonRouteTests({
  method: "DELETE",
  path: "/api/v1/users/{id}",
  permission: "users:write",
  makeResource: async (t) => t.users.viewer.id,
});

group("DELETE /api/v1/users/{id}", () => {
  it("204: deactivates (the row stays); the user's token and refresh token stop working at once", async () => {
    const t = await createTestTenant();
    const [admin, tech] = await Promise.all([loginAs(t), loginAs(t, "technician")]);
    const res = await api(`/api/v1/users/${t.users.technician.id}`, { method: "DELETE", headers: admin.headers });
    expect(res.status, describe(res)).toBe(204);
    const after = await api<UserView>(`/api/v1/users/${t.users.technician.id}`, { headers: admin.headers });
    expect(after.body.isActive).toBe(false);
    expect((await api("/api/v1/auth/me", { headers: tech.headers })).status).toBe(401);
    expect((await api("/api/v1/auth/refresh", { body: { refresh_token: tech.refreshToken } })).status).toBe(401);
    const login = await api("/api/v1/auth/login", {
      headers: t.headers,
      body: { email: t.users.technician.email, password: t.users.technician.password },
    });
    expect(login.status, describe(login)).toBe(401);
    const again = await api(`/api/v1/users/${t.users.technician.id}`, { method: "DELETE", headers: admin.headers });
    expect(again.status, describe(again)).toBe(204);
  });

  it("404: an unknown id", async () => {
    const t = await createTestTenant();
    const admin = await loginAs(t);
    const res = await api(`/api/v1/users/${crypto.randomUUID()}`, { method: "DELETE", headers: admin.headers });
    expect(res.status, describe(res)).toBe(404);
  });

  it("409: the tenant's last active admin cannot be deactivated", async () => {
    const t = await createTestTenant();
    const admin = await loginAs(t);
    const res = await api<{ code: string }>(`/api/v1/users/${t.users.admin.id}`, {
      method: "DELETE",
      headers: admin.headers,
    });
    expect(res.status, describe(res)).toBe(409);
    expect(res.body.code).toBe("CONFLICT");
    expect((await api("/api/v1/auth/me", { headers: admin.headers })).status).toBe(200);
  });
});
