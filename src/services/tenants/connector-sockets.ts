import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { connectors } from "../../db/schema";
import type { Logger } from "../../lib/logger";
import { CLOSE_CODES } from "../../protocol";
import type { ConnectorGatewayClient } from "../connectors/gateway";
import type { SessionDeps } from "../events/hub-sessions";

/**
 * Ends a tenant's connector connections after its deactivation or deletion commits. The Worker
 * checks a connector's tenant only when it connects, so a live socket would otherwise keep taking
 * commands (with PPPoE passwords) and feeding the gateway. Closed with 4001 like a revoked
 * connector: its reconnects are refused while the tenant is inactive. Never throws: the change is
 * already committed; a socket missed here still cannot reconnect.
 */
export interface TenantConnectorSockets {
  /** Closes each connector's live socket; its gateway's outbox is kept. */
  close(connectorIds: string[], reason: string): Promise<void>;
  /** Closes each connector's live socket and drops its gateway's outbox and all else it stored. */
  purge(connectorIds: string[], reason: string): Promise<void>;
}

/** What deactivating or deleting a tenant needs besides its context. */
export interface TenantDeps extends SessionDeps {
  connectors: TenantConnectorSockets;
}

/** Through each connector's gateway (`ConnectorGateway` RPC). */
export function gatewayConnectorSockets(gateway: ConnectorGatewayClient, log: Logger): TenantConnectorSockets {
  const each = async (ids: string[], what: string, fn: (id: string) => Promise<void>) => {
    const results = await Promise.allSettled(ids.map(fn));
    results.forEach((r, i) => {
      if (r.status === "rejected")
        log.warn(`could not ${what} a connector's gateway`, { connectorId: ids[i], err: r.reason });
    });
  };
  return {
    close: (ids, reason) => each(ids, "close", (id) => gateway.disconnect(id, CLOSE_CODES.unauthorized, reason)),
    purge: (ids, reason) => each(ids, "purge", (id) => gateway.purge(id, CLOSE_CODES.unauthorized, reason)),
  };
}

/** Every connector of the tenant, revoked ones too (a revoked connector's gateway may still hold commands). */
export async function tenantConnectorIds(db: DbOrTx, tenantId: string): Promise<string[]> {
  const rows = await db.select({ id: connectors.id }).from(connectors).where(eq(connectors.tenantId, tenantId));
  return rows.map((r) => r.id);
}
