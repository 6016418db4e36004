import { expect, describe as group, it } from "vitest";
import { api, describe } from "../../support/api";
import { createTestTenant, loginAs } from "../../support/harness";
import { runCommonRouteTests } from "../../support/security-suite";
import { newUserBody, type UserView } from "../../support/users";

runCommonRouteTests({ method: "POST", path: "/api/v1/users", permission: "users:write", body: newUserBody() });

group("POST /api/v1/users", () => {
  it("201: creates the user (email lower-cased), who can then sign in; no hash in the answer", async () => {
    const t = await createTestTenant();
    const admin = await loginAs(t);
    const body = newUserBody({ role: "operator" });
    const res = await api<UserView>("/api/v1/users", {
      headers: admin.headers,
      body: { ...body, email: body.email.toUpperCase() },
    });
    expect(res.status, describe(res)).toBe(201);
    expect(res.body).toMatchObject({ email: body.email, name: body.name, role: "operator", isActive: true });
    expect(res.text).not.toMatch(/pbkdf2|password/i);
    const login = await api("/api/v1/auth/login", {
      headers: t.headers,
      body: { email: body.email, password: body.password },
    });
    expect(login.status, describe(login)).toBe(200);
  });

  it("400: a short password, an unknown role, markup in the name, an unknown field", async () => {
    const t = await createTestTenant();
    const admin = await loginAs(t);
    const bad = [
      newUserBody({ password: "short" }),
      { ...newUserBody(), role: "owner" },
      newUserBody({ name: "<b>Budi</b>" }),
      { ...newUserBody(), isAdmin: true },
      { ...newUserBody(), email: "not-an-email" },
    ];
    for (const body of bad) {
      const res = await api("/api/v1/users", { headers: admin.headers, body });
      expect(res.status, `${JSON.stringify(body)}: ${describe(res)}`).toBe(400);
    }
  });

  it("409: the email is taken in this tenant (any case); the same email is fine in another tenant", async () => {
    const [a, b] = await Promise.all([createTestTenant(), createTestTenant()]);
    const [adminA, adminB] = await Promise.all([loginAs(a), loginAs(b)]);
    const body = newUserBody();
    expect((await api("/api/v1/users", { headers: adminA.headers, body })).status).toBe(201);
    const dup = await api<{ code: string }>("/api/v1/users", {
      headers: adminA.headers,
      body: { ...newUserBody(), email: body.email.toUpperCase() },
    });
    expect(dup.status, describe(dup)).toBe(409);
    expect(dup.body.code).toBe("DUPLICATE_ENTRY");
    const elsewhere = await api("/api/v1/users", { headers: adminB.headers, body });
    expect(elsewhere.status, describe(elsewhere)).toBe(201);
  });
});
