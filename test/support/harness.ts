import { onTestFinished } from "vitest";
import { users } from "../../src/db/schema";
import { hashPassword } from "../../src/lib/password";
import type { Role } from "../../src/services/context";
import { api, describe, platformHeaders } from "./api";
import { testDb } from "./db";

export interface TestUser {
  id: string;
  email: string;
  password: string;
  role: Role;
}

export interface TestTenant {
  id: string;
  slug: string;
  name: string;
  users: Record<Role, TestUser>;
  /** Headers that address this tenant (X-Tenant-ID by slug). */
  headers: Record<string, string>;
}

let counter = 0;

/** A unique, valid DNS-label slug for this test run. */
export function uniqueSlug(prefix = "t"): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}-${Math.random().toString(36).slice(2, 6)}`;
}

const PASSWORD = "correct-horse-battery";
/** The seeded users' hash, made once per test worker: each PBKDF2 run costs as much as a request. */
let passwordHash: Promise<string> | undefined;

/**
 * Seeds a fresh tenant through the platform API (the admin comes with it) plus one user of every
 * other role, and deletes the tenant when the current test ends (pass `{ keep: true }` in
 * `beforeAll` and call `remove()` yourself).
 */
export async function createTestTenant(
  opts: { keep?: boolean; timezone?: string } = {},
): Promise<TestTenant & { remove(): Promise<void> }> {
  const slug = uniqueSlug();
  const created = await api<{ tenant: { id: string; name: string }; admin: { id: string; email: string } }>(
    "/api/v1/platform/tenants",
    {
      headers: platformHeaders(),
      body: {
        name: `Test ISP ${slug}`,
        slug,
        timezone: opts.timezone ?? "Asia/Jakarta",
        admin: { email: `admin@${slug}.test`, password: PASSWORD, name: "Admin" },
      },
    },
  );
  if (created.status !== 201) throw new Error(`could not create test tenant: ${describe(created)}`);
  const tenantId = created.body.tenant.id;
  const byRole: Partial<Record<Role, TestUser>> = {
    admin: { id: created.body.admin.id, email: created.body.admin.email, password: PASSWORD, role: "admin" },
  };

  const { db, close } = testDb("system");
  try {
    passwordHash ??= hashPassword(PASSWORD);
    const hash = await passwordHash;
    const rows = await db
      .insert(users)
      .values(
        (["operator", "technician", "viewer"] as const).map((role) => ({
          tenantId,
          email: `${role}@${slug}.test`,
          name: role,
          role,
          passwordHash: hash,
        })),
      )
      .returning({ id: users.id, email: users.email, role: users.role });
    for (const r of rows) byRole[r.role] = { id: r.id, email: r.email, password: PASSWORD, role: r.role };
  } finally {
    await close();
  }

  const remove = async () => {
    const res = await api(`/api/v1/platform/tenants/${tenantId}`, { method: "DELETE", headers: platformHeaders() });
    if (res.status !== 204 && res.status !== 404) throw new Error(`could not delete test tenant: ${describe(res)}`);
  };
  if (!opts.keep) onTestFinished(remove);
  return {
    id: tenantId,
    slug,
    name: created.body.tenant.name,
    users: byRole as Record<Role, TestUser>,
    headers: { "x-tenant-id": slug },
    remove,
  };
}

export interface Session {
  accessToken: string;
  refreshToken: string;
  /** Headers of an authenticated request of this user (token + tenant). */
  headers: Record<string, string>;
}

/** Signs a user of a test tenant in through the real login endpoint. */
export async function loginAs(tenant: TestTenant, role: Role = "admin"): Promise<Session> {
  const user = tenant.users[role];
  const res = await api<{ access_token: string; refresh_token: string }>("/api/v1/auth/login", {
    headers: tenant.headers,
    body: { email: user.email, password: user.password },
  });
  if (res.status !== 200) throw new Error(`login as ${role} failed: ${describe(res)}`);
  return {
    accessToken: res.body.access_token,
    refreshToken: res.body.refresh_token,
    headers: { ...tenant.headers, authorization: `Bearer ${res.body.access_token}` },
  };
}
