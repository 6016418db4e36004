import { expect, describe as group, it } from "vitest";
import { api, describe, platformHeaders } from "../../../support/api";
import { createTestTenant } from "../../../support/harness";

interface TenantList {
  data: { id: string; slug: string; isActive: boolean }[];
  meta: { page: number; limit: number; total: number; totalPages: number };
}

group("GET /api/v1/platform/tenants", () => {
  it("200: paginates with meta and finds a tenant by search", async () => {
    const t = await createTestTenant();
    const res = await api<TenantList>(`/api/v1/platform/tenants?search=${t.slug}&limit=5`, {
      headers: platformHeaders(),
    });
    expect(res.status, describe(res)).toBe(200);
    expect(res.body.data.map((x) => x.id)).toEqual([t.id]);
    expect(res.body.meta).toEqual({ page: 1, limit: 5, total: 1, totalPages: 1 });
  });

  it("200: filters by active", async () => {
    const t = await createTestTenant();
    await api(`/api/v1/platform/tenants/${t.id}`, {
      method: "PATCH",
      headers: platformHeaders(),
      body: { isActive: false },
    });
    const active = await api<TenantList>(`/api/v1/platform/tenants?search=${t.slug}&active=true`, {
      headers: platformHeaders(),
    });
    const inactive = await api<TenantList>(`/api/v1/platform/tenants?search=${t.slug}&active=false`, {
      headers: platformHeaders(),
    });
    expect(active.body.data).toHaveLength(0);
    expect(inactive.body.data.map((x) => x.id)).toEqual([t.id]);
  });

  it("400: a limit over 100 or a page of 0", async () => {
    for (const q of ["limit=101", "page=0", "limit=abc"]) {
      const res = await api(`/api/v1/platform/tenants?${q}`, { headers: platformHeaders() });
      expect(res.status, describe(res)).toBe(400);
    }
  });

  it("401: without the platform key", async () => {
    const res = await api("/api/v1/platform/tenants");
    expect(res.status, describe(res)).toBe(401);
  });
});
