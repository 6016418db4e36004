import { expect, describe as group, it } from "vitest";
import { api, describe } from "../../support/api";
import { createTestTenant, loginAs } from "../../support/harness";
import { runCommonRouteTests } from "../../support/security-suite";
import { createUserVia, type UserView } from "../../support/users";

interface UserList {
  data: UserView[];
  meta: { page: number; limit: number; total: number; totalPages: number };
}

runCommonRouteTests({ method: "GET", path: "/api/v1/users", permission: "users:read" });

group("GET /api/v1/users", () => {
  it("200: the tenant's users only, paginated, oldest first", async () => {
    const [t, other] = await Promise.all([createTestTenant(), createTestTenant()]);
    const admin = await loginAs(t);
    const res = await api<UserList>("/api/v1/users?limit=3", { headers: admin.headers });
    expect(res.status, describe(res)).toBe(200);
    expect(res.body.meta).toEqual({ page: 1, limit: 3, total: 4, totalPages: 2 });
    expect(res.body.data[0]?.id).toBe(t.users.admin.id);
    const page2 = await api<UserList>("/api/v1/users?limit=3&page=2", { headers: admin.headers });
    const ids = [...res.body.data, ...page2.body.data].map((u) => u.id);
    expect(new Set(ids).size).toBe(4);
    expect(ids).not.toContain(other.users.admin.id);
  });

  it("200: filters by role, by active and by search (name or email)", async () => {
    const t = await createTestTenant();
    const admin = await loginAs(t);
    const siti = await createUserVia(admin, { name: "Siti Rahma 50% off", role: "technician" });
    await api(`/api/v1/users/${t.users.viewer.id}`, { method: "DELETE", headers: admin.headers });

    const techs = await api<UserList>("/api/v1/users?role=technician", { headers: admin.headers });
    expect(techs.body.data.map((u) => u.id).sort()).toEqual([siti.id, t.users.technician.id].sort());
    const inactive = await api<UserList>("/api/v1/users?active=false", { headers: admin.headers });
    expect(inactive.body.data.map((u) => u.id)).toEqual([t.users.viewer.id]);
    const byName = await api<UserList>(`/api/v1/users?search=${encodeURIComponent("50% OFF")}`, {
      headers: admin.headers,
    });
    expect(byName.body.data.map((u) => u.id)).toEqual([siti.id]);
    const byEmail = await api<UserList>(`/api/v1/users?search=operator@`, { headers: admin.headers });
    expect(byEmail.body.data.map((u) => u.id)).toEqual([t.users.operator.id]);
    const wildcard = await api<UserList>("/api/v1/users?search=%25", { headers: admin.headers });
    expect(wildcard.body.data.map((u) => u.id)).toEqual([siti.id]);
  });

  it("400: an unknown role, a bad active flag, a limit over 100", async () => {
    const t = await createTestTenant();
    const admin = await loginAs(t);
    for (const q of ["role=owner", "active=yes", "limit=101"]) {
      const res = await api(`/api/v1/users?${q}`, { headers: admin.headers });
      expect(res.status, `${q}: ${describe(res)}`).toBe(400);
    }
  });
});
