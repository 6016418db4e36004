import { expect, describe as group, it } from "vitest";
import { api, describe, platformHeaders } from "../../../support/api";
import { uniqueSlug } from "../../../support/harness";

const newTenant = (slug: string) => ({
  name: "Warung Net",
  slug,
  admin: { email: `Admin@${slug}.ID`, password: "a-long-password", name: "Budi" },
});

async function cleanup(id: string) {
  await api(`/api/v1/platform/tenants/${id}`, { method: "DELETE", headers: platformHeaders() });
}

group("POST /api/v1/platform/tenants", () => {
  it("201: creates the tenant and its first admin, with defaults, never echoing the password", async () => {
    const slug = uniqueSlug();
    const res = await api<{ tenant: Record<string, unknown>; admin: Record<string, unknown> }>(
      "/api/v1/platform/tenants",
      {
        headers: platformHeaders(),
        body: newTenant(slug),
      },
    );
    expect(res.status, describe(res)).toBe(201);
    await cleanup(res.body.tenant.id as string);
    expect(res.body.tenant).toMatchObject({
      slug,
      name: "Warung Net",
      timezone: "Asia/Jakarta",
      locale: "id",
      isActive: true,
    });
    expect(res.body.admin).toMatchObject({ email: `admin@${slug}.id`, role: "admin", name: "Budi" });
    expect(res.text).not.toContain("a-long-password");
    expect(res.text).not.toContain("pbkdf2");
  });

  it("409: a slug already taken is DUPLICATE_ENTRY", async () => {
    const slug = uniqueSlug();
    const first = await api<{ tenant: { id: string } }>("/api/v1/platform/tenants", {
      headers: platformHeaders(),
      body: newTenant(slug),
    });
    expect(first.status, describe(first)).toBe(201);
    const again = await api<{ code: string }>("/api/v1/platform/tenants", {
      headers: platformHeaders(),
      body: newTenant(slug),
    });
    await cleanup(first.body.tenant.id);
    expect(again.status, describe(again)).toBe(409);
    expect(again.body.code).toBe("DUPLICATE_ENTRY");
  });

  it("409: concurrent creates with one slug make exactly one tenant", async () => {
    const slug = uniqueSlug();
    const results = await Promise.all(
      [0, 1, 2].map(() =>
        api<{ tenant?: { id: string } }>("/api/v1/platform/tenants", {
          headers: platformHeaders(),
          body: newTenant(slug),
        }),
      ),
    );
    const created = results.filter((r) => r.status === 201);
    for (const r of created) await cleanup(r.body.tenant?.id as string);
    expect(created.length).toBe(1);
    expect(results.filter((r) => r.status === 409).length).toBe(2);
  });

  it.each([
    ["not a DNS label", "Bad_Slug!"],
    ["too short", "ab"],
    ["a leading hyphen", "-net"],
    ["reserved", "www"],
    ["too long", "a".repeat(64)],
  ])("400: a slug that is %s", async (_why, slug) => {
    const res = await api<{ code: string }>("/api/v1/platform/tenants", {
      headers: platformHeaders(),
      body: newTenant(slug),
    });
    expect(res.status, describe(res)).toBe(400);
    expect(res.body.code).toBe("VALIDATION_ERROR");
  });

  it("400: an unknown time zone, a bad email, a short password, markup in a name", async () => {
    const slug = uniqueSlug();
    for (const body of [
      { ...newTenant(slug), timezone: "Europe/Paris" },
      { ...newTenant(slug), admin: { email: "not-an-email", password: "a-long-password", name: "Budi" } },
      { ...newTenant(slug), admin: { email: "a@b.id", password: "short", name: "Budi" } },
      { ...newTenant(slug), name: "<script>alert(1)</script>" },
    ]) {
      const res = await api("/api/v1/platform/tenants", { headers: platformHeaders(), body });
      expect(res.status, describe(res)).toBe(400);
    }
  });

  it("401: without the platform key, or with a wrong one", async () => {
    const none = await api<{ code: string }>("/api/v1/platform/tenants", { body: newTenant(uniqueSlug()) });
    expect(none.status, describe(none)).toBe(401);
    expect(none.body.code).toBe("UNAUTHORIZED");
    const wrong = await api("/api/v1/platform/tenants", {
      headers: { authorization: "Bearer wrong-key-wrong-key-wrong-key" },
      body: newTenant(uniqueSlug()),
    });
    expect(wrong.status, describe(wrong)).toBe(401);
  });
});
