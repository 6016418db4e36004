import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { type Tenant, tenants } from "../../db/schema";
import { NotFoundError } from "../errors";

export async function getTenantOrThrow(db: DbOrTx, id: string): Promise<Tenant> {
  const [row] = await db.select().from(tenants).where(eq(tenants.id, id)).limit(1);
  if (!row) throw new NotFoundError("tenant", id);
  return row;
}

/** The tenant as the platform API shows it. */
export function toTenantView(t: Tenant) {
  return {
    id: t.id,
    name: t.name,
    slug: t.slug,
    timezone: t.timezone,
    locale: t.locale,
    isActive: t.isActive,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  };
}
export type TenantView = ReturnType<typeof toTenantView>;
