import type { TenantHub } from "../../../durable-objects/tenant-hub";
import type { HubEventInput } from "../../../durable-objects/tenant-hub/events";
import type { Logger } from "../../lib/logger";
import type { CustomerBandwidth } from "./ingest";

/** The event clients receive for a customer's live bandwidth (`{ event: "monitoring.bandwidth", … }`). */
export const BANDWIDTH_EVENT = "monitoring.bandwidth";

/**
 * One hub event per customer per stored batch (not per sample). Entity type `monitoring` makes it
 * high volume for the hub (durable-objects/tenant-hub/topics.ts): live only (no sequence number, not
 * kept for replay), and delivered only to sockets subscribed to `monitoring:<customer id>` (or
 * `customer:<customer id>`, or a `*` of either) whose role may `monitoring:read`. No `id`: it is not
 * an outbox event. Samples are measurements, not changes: no audit row and no outbox row, so a lost
 * message is simply a gap in a live graph that the next batch (or `GET /monitoring/customers/{id}`)
 * fills, and ingest stays one statement per batch.
 */
export function bandwidthEvents(tenantId: string, customers: readonly CustomerBandwidth[]): HubEventInput[] {
  return customers.map((c) => ({
    tenantId,
    type: BANDWIDTH_EVENT,
    entityType: "monitoring",
    entityId: c.customerId,
    topics: [`customer:${c.customerId}`],
    data: c,
    createdAt: c.to,
  }));
}

/**
 * Hands a batch's messages to the tenant's hub in one RPC, after the insert committed. Never throws:
 * the samples are stored and acknowledged whatever happens to their live copy.
 */
export async function publishBandwidth(
  hub: DurableObjectNamespace<TenantHub> | undefined,
  tenantId: string,
  customers: readonly CustomerBandwidth[],
  log: Logger,
): Promise<void> {
  if (!hub || customers.length === 0) return;
  try {
    await hub.get(hub.idFromName(tenantId)).broadcast(bandwidthEvents(tenantId, customers));
  } catch (err) {
    log.warn("live bandwidth not delivered to the hub", { tenantId, customers: customers.length, err });
  }
}
