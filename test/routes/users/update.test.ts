import { expect, describe as group, it } from "vitest";
import { api, describe } from "../../support/api";
import { createTestTenant, loginAs } from "../../support/harness";
import { runCommonRouteTests } from "../../support/security-suite";
import type { UserView } from "../../support/users";

runCommonRouteTests({
  method: "PATCH",
  path: "/api/v1/users/{id}",
  permission: "users:write",
  body: { name: "Renamed" },
  makeResource: async (t) => t.users.viewer.id,
});

group("PATCH /api/v1/users/{id}", () => {
  it("200: renames and changes the role; the new role applies to the user's next request", async () => {
    const t = await createTestTenant();
    const [admin, viewer] = await Promise.all([loginAs(t), loginAs(t, "viewer")]);
    expect((await api("/api/v1/users", { headers: viewer.headers })).status).toBe(403);
    const res = await api<UserView>(`/api/v1/users/${t.users.viewer.id}`, {
      method: "PATCH",
      headers: admin.headers,
      body: { name: "Budi Santoso", role: "admin" },
    });
    expect(res.status, describe(res)).toBe(200);
    expect(res.body).toMatchObject({ name: "Budi Santoso", role: "admin" });
    const now = await api("/api/v1/users", { headers: viewer.headers }); // same token, new role
    expect(now.status, describe(now)).toBe(200);
  });

  it("200: isActive false ends the user's access at once; true lets them back in", async () => {
    const t = await createTestTenant();
    const [admin, operator] = await Promise.all([loginAs(t), loginAs(t, "operator")]);
    const off = await api(`/api/v1/users/${t.users.operator.id}`, {
      method: "PATCH",
      headers: admin.headers,
      body: { isActive: false },
    });
    expect(off.status, describe(off)).toBe(200);
    expect((await api("/api/v1/auth/me", { headers: operator.headers })).status).toBe(401);
    const refresh = await api("/api/v1/auth/refresh", { body: { refresh_token: operator.refreshToken } });
    expect(refresh.status, describe(refresh)).toBe(401);
    await api(`/api/v1/users/${t.users.operator.id}`, {
      method: "PATCH",
      headers: admin.headers,
      body: { isActive: true },
    });
    expect((await loginAs(t, "operator")).accessToken).toBeTruthy();
  });

  it("400: markup in the name, an unknown field, an email change", async () => {
    const t = await createTestTenant();
    const admin = await loginAs(t);
    for (const body of [{ name: "<img src=x>" }, { nickname: "x" }, { email: "new@example.id" }, { role: "root" }]) {
      const res = await api(`/api/v1/users/${t.users.viewer.id}`, { method: "PATCH", headers: admin.headers, body });
      expect(res.status, `${JSON.stringify(body)}: ${describe(res)}`).toBe(400);
    }
  });

  it("404: an unknown id", async () => {
    const t = await createTestTenant();
    const admin = await loginAs(t);
    const res = await api(`/api/v1/users/${crypto.randomUUID()}`, {
      method: "PATCH",
      headers: admin.headers,
      body: { name: "X" },
    });
    expect(res.status, describe(res)).toBe(404);
  });

  it("409: the last active admin cannot be demoted or deactivated; with a second admin it can", async () => {
    const t = await createTestTenant();
    const admin = await loginAs(t);
    const self = `/api/v1/users/${t.users.admin.id}`;
    for (const body of [{ role: "operator" }, { isActive: false }]) {
      const res = await api<{ code: string }>(self, { method: "PATCH", headers: admin.headers, body });
      expect(res.status, describe(res)).toBe(409);
      expect(res.body.code).toBe("CONFLICT");
    }
    await api(`/api/v1/users/${t.users.operator.id}`, {
      method: "PATCH",
      headers: admin.headers,
      body: { role: "admin" },
    });
    const demoted = await api<UserView>(self, { method: "PATCH", headers: admin.headers, body: { role: "viewer" } });
    expect(demoted.status, describe(demoted)).toBe(200);
  });

  it("one of two admins demoting each other at the same moment is refused (the tenant keeps one)", async () => {
    const t = await createTestTenant();
    const admin = await loginAs(t);
    await api(`/api/v1/users/${t.users.operator.id}`, {
      method: "PATCH",
      headers: admin.headers,
      body: { role: "admin" },
    });
    const second = await loginAs(t, "operator");
    const [a, b] = await Promise.all([
      api(`/api/v1/users/${t.users.operator.id}`, {
        method: "PATCH",
        headers: admin.headers,
        body: { role: "viewer" },
      }),
      api(`/api/v1/users/${t.users.admin.id}`, { method: "PATCH", headers: second.headers, body: { isActive: false } }),
    ]);
    // Whichever commits first wins. The other is refused: 409 when both passed authentication before either
    // committed (the last-admin check runs under a lock), 403 or 401 when the winner's commit already demoted or
    // deactivated the loser's own account before its request was authorised.
    const [winner, loser] = [a.status, b.status].sort((x, y) => x - y);
    expect(winner, `${describe(a)} / ${describe(b)}`).toBe(200);
    expect([401, 403, 409], `${describe(a)} / ${describe(b)}`).toContain(loser);
    const admins = await api<{ meta: { total: number } }>("/api/v1/users?role=admin&active=true", {
      headers: a.status === 200 ? admin.headers : second.headers,
    });
    expect(admins.body.meta.total).toBe(1);
  });
});
