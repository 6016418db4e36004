/**
 * What the hub is given (`HubEventInput`, from the outbox publisher, the connector gateway or a job)
 * and what a client receives (`HubMessage`). Pure: shared by the hub, its publisher and the tests.
 */

/** An event for one tenant's hub. `DomainEventView` (src/services/events/record.ts) is one. */
export interface HubEventInput {
  /** The tenant it belongs to; a hub refuses another tenant's event. */
  tenantId: string;
  /** `<entity>.<action>`, e.g. `customer.created`, `monitoring.sample`, `job.progress`. */
  type: string;
  /** Decides who may see it (see visibility.ts) and whether it is high volume (see topics.ts). */
  entityType: string;
  entityId: string;
  data: unknown;
  /** ISO-8601 UTC: when the change committed (or the sample was taken). */
  createdAt: string;
  /** `domain_events.id` for outbox events: a redelivered event is not broadcast twice. */
  id?: number;
  /** Topics beyond `<entityType>:<entityId>`, e.g. a bandwidth sample also under `customer:<id>`. */
  topics?: string[];
}

/**
 * The one message shape clients get: `{ id, event, entityId?, data, timestamp }`.
 * `id` is the hub's sequence number (a position in this tenant's stream, increasing): a client keeps
 * the last one it saw and reconnects with `?since=<id>`. Control messages (`connected`, `replay_gap`,
 * `subscribed`, `error`, undotted, unlike domain events) carry the current position, so they are
 * valid `since` values too.
 */
export interface HubMessage {
  id: number;
  event: string;
  entityId?: string;
  data: unknown;
  timestamp: string;
}

/** The JSON text sent for an event; built once per broadcast and sent to every recipient as is. */
export function encodeEvent(seq: number, e: HubEventInput, data: unknown): string {
  const message: HubMessage = { id: seq, event: e.type, entityId: e.entityId, data, timestamp: e.createdAt };
  return JSON.stringify(message);
}

export function encodeControl(seq: number, event: string, data: unknown, now: Date = new Date()): string {
  const message: HubMessage = { id: seq, event, data, timestamp: now.toISOString() };
  return JSON.stringify(message);
}
