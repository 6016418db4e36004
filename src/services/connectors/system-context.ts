import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { tenants } from "../../db/schema";
import type { SecretBox } from "../../lib/secrets";
import type { ServiceContext } from "../context";

/**
 * The context of work no person started — the gateway reacting to its connector, a cron — for one
 * tenant: the `system` actor on the row-level-security handle, so services and `recordChange` run
 * unchanged. Null when the tenant is gone (its connector's messages are moot).
 */
export async function systemTenantContext(
  db: Db,
  tenantId: string,
  job: string,
  secrets?: SecretBox,
): Promise<ServiceContext | null> {
  const [tenant] = await db
    .select({
      id: tenants.id,
      slug: tenants.slug,
      name: tenants.name,
      timezone: tenants.timezone,
      locale: tenants.locale,
      isActive: tenants.isActive,
    })
    .from(tenants)
    .where(eq(tenants.id, tenantId))
    .limit(1);
  if (!tenant) return null;
  return { tenant, actor: { type: "system", job }, db, secrets, requestId: `${job}:${Date.now().toString(36)}` };
}
