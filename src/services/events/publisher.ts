import type { Logger } from "../../lib/logger";
import type { DomainEventView, EventSink } from "./record";

/**
 * Delivers committed events to whoever reacts to them (the tenant's WebSocket hub, router
 * provisioning). Runs after the response, through `waitUntil`; the outbox row in `domain_events`
 * is the safety net if delivery is lost.
 */
export interface EventPublisher {
  publish(events: DomainEventView[]): Promise<void>;
}

/** Until a transport is wired, events are only logged (debug). */
export function loggingPublisher(log: Logger): EventPublisher {
  return {
    publish: async (events) => {
      for (const e of events) log.debug("domain event", { type: e.type, entityId: e.entityId, eventId: e.id });
    },
  };
}

/** Collects the events of one request or job, to publish once it is done. */
export function eventCollector(): EventSink & { drain(): DomainEventView[] } {
  let items: DomainEventView[] = [];
  return {
    push: (e) => items.push(e),
    drain: () => {
      const out = items;
      items = [];
      return out;
    },
  };
}
