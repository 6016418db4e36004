import type { ConnectorGateway } from "../../../durable-objects/connector-gateway";
import type { GatewayStatus, NewCommand, RequestOutcome } from "../../../durable-objects/connector-gateway/types";
import type { Op } from "../../protocol";

export type { GatewayStatus, NewCommand, RequestOutcome };

export interface EnqueueBatch {
  tenantId: string;
  commands: NewCommand[];
}

export interface EnqueueOutcome {
  accepted: number;
  duplicates: number;
  stale: number;
  connected: boolean;
}

/**
 * What the Worker (routes, provisioning, crons) asks of a connector's `ConnectorGateway`. Behind an
 * interface with a no-op twin (the Worker without the binding), as with the other Durable Objects.
 */
export interface ConnectorGatewayClient {
  readonly available: boolean;
  /** Persists commands in the connector's outbox; they are sent when it is online. */
  enqueue(connectorId: string, batch: EnqueueBatch): Promise<EnqueueOutcome>;
  /**
   * A synchronous op (session lookup, router test; `routerId` null for `sendMail`): `offline` when
   * the connector is not connected. A `commandId` reused by a retry is answered once by the connector.
   */
  request(
    connectorId: string,
    routerId: string | null,
    op: Op,
    timeoutMs?: number,
    commandId?: string,
  ): Promise<RequestOutcome>;
  status(connectorId: string): Promise<GatewayStatus>;
  /** Re-reads the connector's routers from the database and sends them if they changed. */
  refreshConfig(connectorId: string): Promise<void>;
  /** Closes the live socket (revoked or rotated credentials: it may not stay connected). */
  disconnect(connectorId: string, code: number, reason: string): Promise<void>;
  /** `disconnect`, and the gateway drops its outbox and all it stored (the connector's tenant is deleted). */
  purge(connectorId: string, code: number, reason: string): Promise<void>;
}

export function gatewayClient(ns: DurableObjectNamespace<ConnectorGateway> | undefined): ConnectorGatewayClient {
  if (!ns) return NOOP_GATEWAY;
  const stub = (connectorId: string) => ns.get(ns.idFromName(connectorId));
  return {
    available: true,
    enqueue: (id, batch) => stub(id).enqueue(batch),
    request: (id, routerId, op, timeoutMs, commandId) => stub(id).request(routerId, op, timeoutMs, commandId),
    status: (id) => stub(id).status(),
    refreshConfig: (id) => stub(id).refreshConfig(),
    disconnect: (id, code, reason) => stub(id).disconnect(code, reason),
    purge: (id, code, reason) => stub(id).purge(code, reason),
  };
}

/** Without the binding nothing can reach a connector: everything is offline, commands are not kept. */
export const NOOP_GATEWAY: ConnectorGatewayClient = {
  available: false,
  enqueue: async (_id, batch) => ({ accepted: 0, duplicates: 0, stale: batch.commands.length, connected: false }),
  request: async () => ({ kind: "offline" }),
  status: async () => ({
    connected: false,
    connectedAt: null,
    lastSeen: null,
    queued: 0,
    inFlight: 0,
    routers: [],
    recent: [],
  }),
  refreshConfig: async () => {},
  disconnect: async () => {},
  purge: async () => {},
};
