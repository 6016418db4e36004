import type { TenantHub } from "../../../durable-objects/tenant-hub";
import type { Logger } from "../../lib/logger";

/**
 * Ends open realtime sessions whose identity changed after commit. The TenantHub checks a socket's
 * user and role only when it connects (they live in the socket's attachment), so without this a
 * deactivated, demoted or re-passworded user, or a deactivated tenant, would keep receiving events
 * until the access token expires. Never throws: the change is already committed, and a lost close
 * still ends at the token's expiry.
 */
export interface RealtimeSessions {
  /** Closes every socket of one user of the tenant. */
  closeUser(tenantId: string, userId: string, reason: string): Promise<void>;
  /** Closes every socket of the tenant. */
  closeTenant(tenantId: string, reason: string): Promise<void>;
}

/** What the services that end sessions (users, tenants) need besides their context. */
export interface SessionDeps {
  sessions: RealtimeSessions;
}

/** For a Worker without the `TENANT_HUB` binding: there are no sockets to close. */
export const noRealtimeSessions: RealtimeSessions = {
  closeUser: async () => {},
  closeTenant: async () => {},
};

/** Through the tenant's hub (`idFromName(tenantId)`), by RPC. */
export function hubSessions(hub: DurableObjectNamespace<TenantHub> | undefined, log: Logger): RealtimeSessions {
  if (!hub) return noRealtimeSessions;
  const stubOf = (tenantId: string) => hub.get(hub.idFromName(tenantId));
  return {
    closeUser: async (tenantId, userId, reason) => {
      try {
        await stubOf(tenantId).closeUser(userId, reason);
      } catch (err) {
        log.warn("could not close the user's realtime sockets", { tenantId, userId, err });
      }
    },
    closeTenant: async (tenantId, reason) => {
      try {
        await stubOf(tenantId).closeAllSockets(reason);
      } catch (err) {
        log.warn("could not close the tenant's realtime sockets", { tenantId, err });
      }
    },
  };
}
