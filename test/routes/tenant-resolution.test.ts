import { expect, describe as group, it } from "vitest";
import { api, describe, platformHeaders } from "../support/api";
import { createTestTenant } from "../support/harness";

group("tenant resolution", () => {
  it("resolves the tenant from the subdomain <slug>.<BASE_DOMAIN>", async () => {
    const t = await createTestTenant();
    const res = await api<{ id: string; slug: string }>("/api/v1/tenant", { host: `${t.slug}.rtrwnet.id` });
    expect(res.status, describe(res)).toBe(200);
    expect(res.body).toMatchObject({ id: t.id, slug: t.slug });
  });

  it("resolves the tenant from X-Tenant-ID, by slug or by id", async () => {
    const t = await createTestTenant();
    for (const ref of [t.slug, t.id, t.slug.toUpperCase()]) {
      const res = await api<{ id: string }>("/api/v1/tenant", { headers: { "x-tenant-id": ref } });
      expect(res.status, describe(res)).toBe(200);
      expect(res.body.id).toBe(t.id);
    }
  });

  it("403 when the subdomain and X-Tenant-ID name different tenants", async () => {
    const [a, b] = await Promise.all([createTestTenant(), createTestTenant()]);
    const res = await api<{ code: string }>("/api/v1/tenant", {
      host: `${a.slug}.rtrwnet.id`,
      headers: { "x-tenant-id": b.slug },
    });
    expect(res.status, describe(res)).toBe(403);
    expect(res.body.code).toBe("FORBIDDEN");
  });

  it("400 when no tenant is given, 404 when it does not exist", async () => {
    const none = await api<{ code: string }>("/api/v1/tenant");
    expect(none.status, describe(none)).toBe(400);
    const unknown = await api<{ code: string }>("/api/v1/tenant", { headers: { "x-tenant-id": "no-such-isp" } });
    expect(unknown.status, describe(unknown)).toBe(404);
    const reserved = await api("/api/v1/tenant", { host: "www.rtrwnet.id" });
    expect(reserved.status, describe(reserved)).toBe(400);
  });

  it("403 for a deactivated tenant, immediately after deactivation", async () => {
    const t = await createTestTenant();
    expect((await api("/api/v1/tenant", { headers: t.headers })).status).toBe(200);
    await api(`/api/v1/platform/tenants/${t.id}`, {
      method: "PATCH",
      headers: platformHeaders(),
      body: { isActive: false },
    });
    const res = await api<{ code: string; detail: string }>("/api/v1/tenant", { headers: t.headers });
    expect(res.status, describe(res)).toBe(403);
    expect(res.body.detail).toContain("deactivated");
  });
});
