import { expect, describe as group, it } from "vitest";
import { api, describe } from "../../support/api";
import { createTestTenant, loginAs } from "../../support/harness";

group("POST /api/v1/auth/login", () => {
  it("200: returns both tokens and the user, without the password hash", async () => {
    const t = await createTestTenant();
    const res = await api<{ access_token: string; refresh_token: string; expires_in: number; user: { role: string } }>(
      "/api/v1/auth/login",
      { headers: t.headers, body: { email: t.users.operator.email, password: t.users.operator.password } },
    );
    expect(res.status, describe(res)).toBe(200);
    expect(res.body.access_token.split(".")).toHaveLength(3);
    expect(res.body.refresh_token).toMatch(/^rt\./);
    expect(res.body.expires_in).toBe(900);
    expect(res.body.user.role).toBe("operator");
    expect(res.text).not.toContain("pbkdf2");
  });

  it("200: the tenant may come from the body instead of a header", async () => {
    const t = await createTestTenant();
    const res = await api("/api/v1/auth/login", {
      body: { email: t.users.admin.email, password: t.users.admin.password, tenant: t.slug },
    });
    expect(res.status, describe(res)).toBe(200);
  });

  it("401: the same answer for an unknown email and a wrong password", async () => {
    const t = await createTestTenant();
    const wrong = await api<{ detail: string; code: string }>("/api/v1/auth/login", {
      headers: t.headers,
      body: { email: t.users.admin.email, password: "not-the-password" },
    });
    const unknown = await api<{ detail: string; code: string }>("/api/v1/auth/login", {
      headers: t.headers,
      body: { email: "nobody@nowhere.id", password: "not-the-password" },
    });
    expect(wrong.status, describe(wrong)).toBe(401);
    expect(unknown.status, describe(unknown)).toBe(401);
    expect(wrong.body.detail).toBe(unknown.body.detail);
  });

  it("400: malformed body; 404: unknown tenant", async () => {
    const bad = await api("/api/v1/auth/login", { headers: { "x-tenant-id": "demo" }, body: { email: "x" } });
    expect(bad.status, describe(bad)).toBe(400);
    const unknown = await api("/api/v1/auth/login", {
      headers: { "x-tenant-id": "no-such-isp" },
      body: { email: "a@b.id", password: "whatever" },
    });
    expect(unknown.status, describe(unknown)).toBe(404);
  });

  it("GET /auth/me answers the signed-in user; a token is refused by another tenant", async () => {
    const [a, b] = await Promise.all([createTestTenant(), createTestTenant()]);
    const s = await loginAs(a, "technician");
    const me = await api<{ email: string; role: string }>("/api/v1/auth/me", { headers: s.headers });
    expect(me.status, describe(me)).toBe(200);
    expect(me.body).toMatchObject({ email: a.users.technician.email, role: "technician" });
    const cross = await api("/api/v1/auth/me", { headers: { ...b.headers, authorization: `Bearer ${s.accessToken}` } });
    expect(cross.status, describe(cross)).toBe(401);
  });
});
