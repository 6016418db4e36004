import type { Db } from "../../db/client";
import type { Logger } from "../../lib/logger";
import type { JobQueue } from "../../queues/producer";
import type { EventPublisher } from "../events/publisher";
import { rulesFor } from "./event-rules";
import { eventsByIds, notifyForEvents } from "./from-events";

export interface EmailPublisherDeps {
  /** The privileged handle (opened lazily: most events send no email). */
  db: () => Db;
  /** Absent (no `JOBS` binding): events are published without emails. */
  queue: JobQueue | undefined;
  log: Logger;
}

/** The email half of event delivery: committed events that a rule maps to an email are queued as emails. */
export function emailEventsPublisher(deps: EmailPublisherDeps): EventPublisher {
  const queue = deps.queue;
  return {
    publish: async (events) => {
      if (!queue) return;
      const rules = [...new Set(events.flatMap((e) => rulesFor(e.entityType, e.action)))];
      if (rules.length === 0) return;
      const ids = events.map((e) => e.id);
      try {
        const { created, enqueued } = await notifyForEvents(deps.db(), queue, eventsByIds(ids), rules);
        if (created) deps.log.info("emails queued for events", { created, enqueued });
      } catch (err) {
        // The events keep `emails_due`: the every-minute email sweep runs the rules over them again.
        deps.log.error("could not queue emails for events", { eventIds: ids, err });
      }
    },
  };
}

/**
 * `publisher` plus email: both get every batch, and neither's failure stops the other. This is
 * the one-line wiring for the request path (middleware/init.ts) and the jobs' deps.
 */
export function withEmailNotifications(publisher: EventPublisher, deps: EmailPublisherDeps): EventPublisher {
  const email = emailEventsPublisher(deps);
  return {
    publish: async (events) => {
      await Promise.allSettled([publisher.publish(events), email.publish(events)]);
    },
  };
}
