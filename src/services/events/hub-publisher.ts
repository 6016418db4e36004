import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { TenantHub } from "../../../durable-objects/tenant-hub";
import type { Db } from "../../db/client";
import { domainEvents } from "../../db/schema";
import type { Logger } from "../../lib/logger";
import { type EventPublisher, loggingPublisher } from "./publisher";
import type { DomainEventView } from "./record";

/** Called after a tenant's hub took its events; the outbox row is then no longer pending. */
export type MarkPublished = (tenantId: string, eventIds: number[]) => Promise<void>;

/**
 * Delivers committed events to each tenant's TenantHub (one RPC per tenant, the events in commit
 * order), then marks their outbox rows published. A failed delivery is logged and leaves the rows
 * unpublished for a sweeper; it never fails the request (the response is already sent).
 */
export function hubPublisher(
  hub: DurableObjectNamespace<TenantHub>,
  log: Logger,
  markPublished?: MarkPublished,
): EventPublisher {
  return {
    publish: async (events) => {
      const byTenant = new Map<string, DomainEventView[]>();
      for (const e of events) byTenant.set(e.tenantId, [...(byTenant.get(e.tenantId) ?? []), e]);
      await Promise.all(
        [...byTenant].map(async ([tenantId, list]) => {
          const eventIds = list.map((e) => e.id);
          try {
            const result = await hub.get(hub.idFromName(tenantId)).broadcast(list);
            if (result.refused > 0) throw new Error(`the hub refused ${result.refused} event(s) of another tenant`);
          } catch (err) {
            log.warn("realtime delivery failed; outbox rows stay unpublished", { tenantId, eventIds, err });
            return;
          }
          try {
            await markPublished?.(tenantId, eventIds);
          } catch (err) {
            log.warn("could not mark events published", { tenantId, eventIds, err });
          }
        }),
      );
    },
  };
}

/** Sets `published_at` through the row-level-security path, in the tenant's scope. */
export function markPublishedIn(db: Db): MarkPublished {
  return async (tenantId, eventIds) => {
    if (eventIds.length === 0) return;
    await db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('app.tenant_id', ${tenantId}, true)`);
      await tx
        .update(domainEvents)
        .set({ publishedAt: sql`now()` })
        .where(
          and(
            eq(domainEvents.tenantId, tenantId),
            inArray(domainEvents.id, eventIds),
            isNull(domainEvents.publishedAt),
          ),
        );
    });
  };
}

/** Logging always; the hub too when the Worker has the binding (tests and `wrangler dev` do). */
export function eventPublisher(
  hub: DurableObjectNamespace<TenantHub> | undefined,
  log: Logger,
  db: () => Db,
): EventPublisher {
  const logging = loggingPublisher(log);
  if (!hub) return logging;
  const delivering = hubPublisher(hub, log, (tenantId, ids) => markPublishedIn(db())(tenantId, ids));
  return {
    publish: async (events) => {
      await Promise.all([logging.publish(events), delivering.publish(events)]);
    },
  };
}
