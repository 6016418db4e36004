import { expect, describe as group, it } from "vitest";
import { api, describe } from "../../support/api";
import { createTestTenant, loginAs } from "../../support/harness";

const PATH = "/api/v1/users/me/password";

group("POST /api/v1/users/me/password", () => {
  it("204 for any role: old access and refresh tokens die, the new password signs in, the old one does not", async () => {
    const t = await createTestTenant();
    const viewer = await loginAs(t, "viewer");
    const other = await loginAs(t, "viewer"); // a second session of the same user
    const res = await api(PATH, {
      headers: viewer.headers,
      body: { current_password: t.users.viewer.password, new_password: "brand-new-password" },
    });
    expect(res.status, describe(res)).toBe(204);
    for (const s of [viewer, other]) {
      expect((await api("/api/v1/auth/me", { headers: s.headers })).status).toBe(401);
      expect((await api("/api/v1/auth/refresh", { body: { refresh_token: s.refreshToken } })).status).toBe(401);
    }
    const login = (password: string) =>
      api<{ access_token: string }>("/api/v1/auth/login", {
        headers: t.headers,
        body: { email: t.users.viewer.email, password },
      });
    expect((await login(t.users.viewer.password)).status).toBe(401);
    const fresh = await login("brand-new-password");
    expect(fresh.status, describe(fresh)).toBe(200);
    const me = await api("/api/v1/auth/me", {
      headers: { ...t.headers, authorization: `Bearer ${fresh.body.access_token}` },
    });
    expect(me.status, describe(me)).toBe(200);
  });

  it("the audit row records the change, never a password", async () => {
    const t = await createTestTenant();
    const tech = await loginAs(t, "technician");
    await api(PATH, {
      headers: tech.headers,
      body: { current_password: t.users.technician.password, new_password: "another-secret-1" },
    });
    const admin = await loginAs(t);
    const rows = await api<{ data: { action: string; changes: unknown; userId: string }[] }>(
      `/api/v1/audit-logs?entity_id=${t.users.technician.id}&action=password_change`,
      { headers: admin.headers },
    );
    expect(rows.body.data).toHaveLength(1);
    expect(rows.body.data[0]?.userId).toBe(t.users.technician.id);
    expect(JSON.stringify(rows.body)).not.toMatch(/another-secret-1|correct-horse/);
  });

  it("400: a wrong current password, a short or unchanged new one, an unknown field", async () => {
    const t = await createTestTenant();
    const op = await loginAs(t, "operator");
    const current = t.users.operator.password;
    const bodies = [
      { current_password: "wrong-password", new_password: "brand-new-password" },
      { current_password: current, new_password: "short" },
      { current_password: current, new_password: current },
      { current_password: current, new_password: "brand-new-password", user_id: t.users.admin.id },
    ];
    for (const body of bodies) {
      const res = await api(PATH, { headers: op.headers, body });
      expect(res.status, `${JSON.stringify(body)}: ${describe(res)}`).toBe(400);
    }
    expect((await api("/api/v1/auth/me", { headers: op.headers })).status).toBe(200);
  });

  it("401 without a token", async () => {
    const t = await createTestTenant();
    const res = await api(PATH, {
      headers: t.headers,
      body: { current_password: "x", new_password: "brand-new-password" },
    });
    expect(res.status, describe(res)).toBe(401);
  });
});
