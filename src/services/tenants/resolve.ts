import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { tenants } from "../../db/schema";
import type { TenantInfo } from "../context";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Finds a tenant by id or slug; `undefined` when there is none. Reads the tenant directory only. */
export async function findTenantByRef(db: DbOrTx, ref: string): Promise<TenantInfo | undefined> {
  const where = UUID.test(ref) ? eq(tenants.id, ref.toLowerCase()) : eq(tenants.slug, ref.toLowerCase());
  const [row] = await db
    .select({
      id: tenants.id,
      slug: tenants.slug,
      name: tenants.name,
      timezone: tenants.timezone,
      locale: tenants.locale,
      isActive: tenants.isActive,
    })
    .from(tenants)
    .where(where)
    .limit(1);
  return row;
}
