import { expect, describe as group, it } from "vitest";
import { api, describe } from "../../support/api";
import { createTestTenant, loginAs } from "../../support/harness";

group("authenticated routes: subdomain and X-Tenant-ID", () => {
  it("403 when they name different tenants, even with a valid token of the subdomain's tenant", async () => {
    const [a, b] = await Promise.all([createTestTenant(), createTestTenant()]);
    const { headers } = await loginAs(a);
    const auth = { authorization: headers.authorization as string };
    for (const path of ["/api/v1/users", "/api/v1/auth/me"]) {
      const res = await api<{ code: string }>(path, {
        host: `${a.slug}.rtrwnet.id`,
        headers: { ...auth, "x-tenant-id": b.slug },
      });
      expect(res.status, `${path}: ${describe(res)}`).toBe(403);
      expect(res.body.code).toBe("FORBIDDEN");
    }
  });

  it("200 when they agree (the header by slug in any case, or by id), or when only one is given", async () => {
    const a = await createTestTenant();
    const { headers } = await loginAs(a);
    const auth = { authorization: headers.authorization as string };
    const variants: Record<string, string>[] = [{ "x-tenant-id": a.slug.toUpperCase() }, { "x-tenant-id": a.id }, {}];
    for (const extra of variants) {
      const res = await api("/api/v1/users", { host: `${a.slug}.rtrwnet.id`, headers: { ...auth, ...extra } });
      expect(res.status, `${JSON.stringify(extra)}: ${describe(res)}`).toBe(200);
    }
    const headerOnly = await api("/api/v1/users", { headers: { ...auth, "x-tenant-id": a.slug } });
    expect(headerOnly.status, describe(headerOnly)).toBe(200);
  });
});
