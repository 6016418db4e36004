import { env } from "cloudflare:test";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { appWith } from "../../support/app";
import { ownerDb } from "../../support/db";
import { createTestTenant, type TestTenant } from "../../support/harness";

/**
 * Roles of this cluster that bypass row-level security, and logins of `rtrw_app` that hold such a
 * role: as itself (BYPASSRLS), or through two levels of group membership (as a Neon console role is
 * a member of `neon_superuser`). Made with the test Postgres' superuser; roles are cluster-wide and
 * outlive the test database, so they are created only if missing.
 */
const SETUP = `
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'rtrw_test_bypass_group') THEN
    CREATE ROLE rtrw_test_bypass_group NOLOGIN BYPASSRLS;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'rtrw_test_middle_group') THEN
    CREATE ROLE rtrw_test_middle_group NOLOGIN IN ROLE rtrw_test_bypass_group;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'rtrw_test_member_login') THEN
    CREATE ROLE rtrw_test_member_login LOGIN PASSWORD 'member-pw' IN ROLE rtrw_app, rtrw_test_middle_group;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'rtrw_test_bypass_login') THEN
    CREATE ROLE rtrw_test_bypass_login LOGIN PASSWORD 'bypass-pw' BYPASSRLS IN ROLE rtrw_app;
  END IF;
END
$$`;

const e = env as unknown as Record<string, string>;
/** DATABASE_URL with another login. */
const urlOf = (user: string, password: string) =>
  String(e.DATABASE_URL).replace(/^postgres(ql)?:\/\/[^@]+@/, `postgres://${user}:${password}@`);

interface Problem {
  code: string;
  detail: string;
  details?: { reason?: string; database?: string };
}

let tenant: TestTenant & { remove(): Promise<void> };

beforeAll(async () => {
  const owner = ownerDb();
  try {
    await owner.db.$client.query(SETUP);
  } finally {
    await owner.close();
  }
  tenant = await createTestTenant({ keep: true });
});
afterAll(() => tenant?.remove());

describe("the request path's database role must not bypass row-level security", () => {
  it("the normal app role passes: tenant requests are served, /health is healthy", async () => {
    const call = appWith({});
    const res = await call<{ slug: string }>("/api/v1/tenant", { headers: tenant.headers });
    expect(res.status, res.text).toBe(200);
    expect(res.body.slug).toBe(tenant.slug);
    const health = await call<{ database: { rowLevelSecurity: string } }>("/api/v1/health");
    expect(health.status, health.text).toBe(200);
    expect(health.body.database.rowLevelSecurity).toBe("enforced");
  });

  for (const [name, user, password] of [
    ["a BYPASSRLS login", "rtrw_test_bypass_login", "bypass-pw"],
    ["a member (through another group) of a BYPASSRLS role", "rtrw_test_member_login", "member-pw"],
  ] as const) {
    it(`${name}: tenant requests answer 503, /health is unhealthy, the reason is logged once`, async () => {
      const errors = vi.spyOn(console, "error");
      try {
        const call = appWith({ DATABASE_URL: urlOf(user, password) });
        for (let i = 0; i < 2; i++) {
          const res = await call<Problem>("/api/v1/tenant", { headers: tenant.headers });
          expect(res.status, res.text).toBe(503);
          expect(res.headers.get("content-type")).toContain("application/problem+json");
          expect(res.body.code).toBe("SERVICE_UNAVAILABLE");
          expect(res.body.details?.reason).toBe("RLS_BYPASSED");
          expect(res.body.detail).toMatch(/row-level security/);
        }
        const signIn = await call<Problem>("/api/v1/auth/login", {
          headers: tenant.headers,
          body: { email: tenant.users.admin.email, password: tenant.users.admin.password },
        });
        expect(signIn.status, signIn.text).toBe(503);

        const health = await call<Problem>("/api/v1/health");
        expect(health.status, health.text).toBe(503);
        expect(health.body.code).toBe("SERVICE_UNAVAILABLE");
        expect(health.body.details).toEqual({ database: "ok", reason: "RLS_BYPASSED" });
        expect(health.body.detail).toMatch(/BYPASSRLS/);

        const logged = errors.mock.calls
          .map((args) => String(args[0]))
          .filter((l) => l.includes("row-level security is bypassed"));
        expect(logged).toHaveLength(1);
        expect(logged[0]).toContain("rtrw_test_bypass");
      } finally {
        errors.mockRestore();
      }
    });
  }
});
