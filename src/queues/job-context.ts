import { eq } from "drizzle-orm";
import { tenants } from "../db/schema";
import { secretBox } from "../lib/secrets";
import type { ServiceContext, TenantInfo } from "../services/context";
import type { EventSink } from "../services/events/record";
import type { JobDeps } from "./deps";

/** The tenant a message is for; null when it was deleted meanwhile (its jobs are moot). */
export async function loadTenant(deps: JobDeps, tenantId: string): Promise<TenantInfo | null> {
  const [t] = await deps.dbs
    .app()
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
  return t ?? null;
}

/**
 * A job acts for its message's tenant as the `system` actor, on the row-level-security handle
 * like a request does (services run unchanged), with the message id as the audit request id.
 */
export function jobServiceContext(
  deps: JobDeps,
  tenant: TenantInfo,
  job: string,
  messageId: string,
  events: EventSink,
): ServiceContext {
  return {
    tenant,
    actor: { type: "system", job },
    db: deps.dbs.app(),
    events,
    secrets: secretBox(deps.config.ENCRYPTION_KEY),
    requestId: `queue:${messageId}`,
  };
}
