import { secretBox } from "../lib/secrets";
import type { ServiceContext, TenantInfo } from "../services/context";
import type { EventSink } from "../services/events/record";
import { findTenantByRef } from "../services/tenants/resolve";
import type { JobDeps } from "./deps";

/** The tenant a message is for; null when it was deleted meanwhile (its jobs are moot). */
export async function loadTenant(deps: JobDeps, tenantId: string): Promise<TenantInfo | null> {
  return (await findTenantByRef(deps.dbs.app(), tenantId)) ?? null;
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
