import { expect, describe as group, it } from "vitest";
import { api, describe, platformHeaders } from "../../../support/api";
import { createTestTenant } from "../../../support/harness";

const MISSING = "00000000-0000-4000-8000-000000000000";

group("GET /api/v1/platform/tenants/{id}", () => {
  it("200: returns the tenant", async () => {
    const t = await createTestTenant();
    const res = await api<{ id: string; slug: string }>(`/api/v1/platform/tenants/${t.id}`, {
      headers: platformHeaders(),
    });
    expect(res.status, describe(res)).toBe(200);
    expect(res.body).toMatchObject({ id: t.id, slug: t.slug });
  });

  it("404 for an unknown id, 400 for a malformed one", async () => {
    const missing = await api(`/api/v1/platform/tenants/${MISSING}`, { headers: platformHeaders() });
    expect(missing.status, describe(missing)).toBe(404);
    const malformed = await api("/api/v1/platform/tenants/not-a-uuid", { headers: platformHeaders() });
    expect(malformed.status, describe(malformed)).toBe(400);
  });
});

group("PATCH /api/v1/platform/tenants/{id}", () => {
  it("200: changes what was sent and leaves the rest", async () => {
    const t = await createTestTenant();
    const res = await api<{ name: string; timezone: string; slug: string }>(`/api/v1/platform/tenants/${t.id}`, {
      method: "PATCH",
      headers: platformHeaders(),
      body: { name: "Renamed Net", timezone: "Asia/Makassar" },
    });
    expect(res.status, describe(res)).toBe(200);
    expect(res.body).toMatchObject({ name: "Renamed Net", timezone: "Asia/Makassar", slug: t.slug });
  });

  it("400: the slug cannot be changed, unknown fields are refused", async () => {
    const t = await createTestTenant();
    const res = await api(`/api/v1/platform/tenants/${t.id}`, {
      method: "PATCH",
      headers: platformHeaders(),
      body: { slug: "other" },
    });
    expect(res.status, describe(res)).toBe(400);
  });

  it("404: an unknown tenant", async () => {
    const res = await api(`/api/v1/platform/tenants/${MISSING}`, {
      method: "PATCH",
      headers: platformHeaders(),
      body: { name: "X" },
    });
    expect(res.status, describe(res)).toBe(404);
  });
});

group("DELETE /api/v1/platform/tenants/{id}", () => {
  it("204 then 404: the tenant is gone", async () => {
    const t = await createTestTenant({ keep: true });
    const del = await api(`/api/v1/platform/tenants/${t.id}`, { method: "DELETE", headers: platformHeaders() });
    expect(del.status, describe(del)).toBe(204);
    const after = await api(`/api/v1/platform/tenants/${t.id}`, { headers: platformHeaders() });
    expect(after.status, describe(after)).toBe(404);
  });

  it("401: without the platform key", async () => {
    const t = await createTestTenant();
    const res = await api(`/api/v1/platform/tenants/${t.id}`, { method: "DELETE" });
    expect(res.status, describe(res)).toBe(401);
  });
});
