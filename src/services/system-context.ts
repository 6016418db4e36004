import type { Db } from "../db/client";
import type { SecretBox } from "../lib/secrets";
import type { ServiceContext } from "./context";
import { findTenantByRef } from "./tenants/resolve";

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
  const tenant = await findTenantByRef(db, tenantId);
  if (!tenant) return null;
  return { tenant, actor: { type: "system", job }, db, secrets, requestId: `${job}:${Date.now().toString(36)}` };
}
