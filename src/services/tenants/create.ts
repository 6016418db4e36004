import { eq } from "drizzle-orm";
import { tenants, users } from "../../db/schema";
import { hashPassword } from "../../lib/password";
import { recordAudit } from "../audit/record";
import { DuplicateError } from "../errors";
import { type TenantView, toTenantView } from "./internal";
import type { PlatformContext } from "./platform-context";
import type { CreateTenantInput } from "./schemas";

export interface CreatedTenant {
  tenant: TenantView;
  admin: { id: string; email: string; name: string; role: "admin" };
}

/** Creates a tenant and its first admin user in one transaction, both audited. */
export async function createTenant(ctx: PlatformContext, input: CreateTenantInput): Promise<CreatedTenant> {
  const passwordHash = await hashPassword(input.admin.password);
  try {
    return await ctx.db.transaction(async (tx) => {
      const [taken] = await tx.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, input.slug)).limit(1);
      if (taken) throw new DuplicateError("tenant", "slug", input.slug);
      const [tenant] = await tx
        .insert(tenants)
        .values({ name: input.name, slug: input.slug, timezone: input.timezone, locale: input.locale })
        .returning();
      if (!tenant) throw new Error("insert returned no tenant");
      const [admin] = await tx
        .insert(users)
        .values({
          tenantId: tenant.id,
          email: input.admin.email,
          name: input.admin.name,
          passwordHash,
          role: "admin",
        })
        .returning({ id: users.id, email: users.email, name: users.name });
      if (!admin) throw new Error("insert returned no user");
      const view = toTenantView(tenant);
      await recordAudit(tx, ctx, {
        tenantId: tenant.id,
        action: "create",
        entityType: "tenant",
        entityId: tenant.id,
        changes: view,
      });
      await recordAudit(tx, ctx, {
        tenantId: tenant.id,
        action: "create",
        entityType: "user",
        entityId: admin.id,
        changes: { ...admin, role: "admin" },
      });
      return { tenant: view, admin: { ...admin, role: "admin" as const } };
    });
  } catch (err) {
    // Two concurrent creates with one slug: the loser hits the unique index.
    if (isUniqueViolation(err)) throw new DuplicateError("tenant", "slug", input.slug);
    throw err;
  }
}

export function isUniqueViolation(err: unknown): boolean {
  let cur: unknown = err;
  for (let i = 0; i < 5 && cur && typeof cur === "object"; i++) {
    if ((cur as { code?: unknown }).code === "23505") return true;
    cur = (cur as { cause?: unknown }).cause;
  }
  return false;
}
