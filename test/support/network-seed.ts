import { env } from "cloudflare:test";
import type { Db, DbOrTx } from "../../src/db/client";
import { connectors, users } from "../../src/db/schema";
import { secretBox } from "../../src/lib/secrets";
import type { Role, ServiceContext, TenantInfo } from "../../src/services/context";
import { createTestTenant, loginAs, type TestTenant } from "./harness";

/** The Worker's encryption key in tests, for contexts built outside a request and for decrypting rows. */
export function testSecrets() {
  return secretBox((env as unknown as { ENCRYPTION_KEY: string }).ENCRYPTION_KEY);
}

let seq = 0;
const unique = () => `${Date.now().toString(36)}${++seq}${Math.random().toString(36).slice(2, 5)}`;

/** A staff user row (never signs in: the hash is a placeholder), for assignees and comment authors. */
export async function seedUser(
  db: DbOrTx,
  tenantId: string,
  role: Role = "technician",
  opts: { isActive?: boolean; name?: string } = {},
): Promise<string> {
  const [row] = await db
    .insert(users)
    .values({
      tenantId,
      email: `${role}-${unique()}@seed.test`,
      name: opts.name ?? `Staf ${role}`,
      role,
      passwordHash: "not-a-hash",
      isActive: opts.isActive ?? true,
    })
    .returning({ id: users.id });
  if (!row) throw new Error("no user inserted");
  return row.id;
}

export async function seedConnector(db: DbOrTx, tenantId: string, opts: { revoked?: boolean } = {}): Promise<string> {
  const [row] = await db
    .insert(connectors)
    .values({ tenantId, name: `Connector ${unique()}`, revokedAt: opts.revoked ? new Date() : null })
    .returning({ id: connectors.id });
  if (!row) throw new Error("no connector inserted");
  return row.id;
}

/** A real staff user's service context on the RLS handle, with the secret box a request would carry. */
export function staffContext(tenant: TenantInfo, db: Db, userId: string, role: Role = "admin"): ServiceContext {
  return { tenant, actor: { type: "user", userId, role }, db, secrets: testSecrets(), requestId: `test-${unique()}` };
}

export interface NetworkTenants {
  tenant: TestTenant;
  /** A second tenant, whose ids must be 404 to the first. */
  other: TestTenant;
  as: Record<Role, Record<string, string>>;
  otherAdmin: Record<string, string>;
  remove(): Promise<void>;
}

/** Two tenants for a route test file (create in `beforeAll`, `remove()` in `afterAll`), every role signed in. */
export async function networkTenants(): Promise<NetworkTenants> {
  const tenant = await createTestTenant({ keep: true });
  const other = await createTestTenant({ keep: true });
  const roles = ["admin", "operator", "technician", "viewer"] as const;
  const sessions = await Promise.all(roles.map((r) => loginAs(tenant, r)));
  const as = Object.fromEntries(roles.map((r, i) => [r, sessions[i]?.headers ?? {}])) as Record<
    Role,
    Record<string, string>
  >;
  const otherAdmin = (await loginAs(other, "admin")).headers;
  return {
    tenant,
    other,
    as,
    otherAdmin,
    remove: async () => {
      await Promise.all([tenant.remove(), other.remove()]);
    },
  };
}

export const MISSING_ID = "00000000-0000-4000-8000-000000000000";
