import { and, asc, gt, isNull, lt } from "drizzle-orm";
import type { Db } from "../../db/client";
import { type DomainEvent, domainEvents } from "../../db/schema";
import type { EventPublisher } from "./publisher";
import type { DomainEventView } from "./record";

/** Bounds one sweep; what is left waits for the next run (rows are taken oldest first). */
const SWEEP_LIMIT = 500;

export function toEventView(row: DomainEvent): DomainEventView {
  return {
    id: row.id,
    tenantId: row.tenantId,
    type: `${row.entityType}.${row.action}`,
    entityType: row.entityType,
    entityId: row.entityId,
    action: row.action,
    actorId: row.actorId,
    data: row.data,
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * Publishes outbox events not yet marked published, across tenants (privileged handle), oldest
 * first: those a cron wrote (`afterId`: the newest id before it ran) and those whose live delivery
 * was lost (`createdBefore`: old enough that the request's own `waitUntil` is surely over). The
 * publisher marks what the hub took; a hub that is down leaves the rows for the next sweep.
 */
export async function publishPendingEvents(
  system: Db,
  publisher: EventPublisher,
  select: { afterId: number } | { createdBefore: Date },
): Promise<{ published: number }> {
  const window =
    "afterId" in select ? gt(domainEvents.id, select.afterId) : lt(domainEvents.createdAt, select.createdBefore);
  const rows = await system
    .select()
    .from(domainEvents)
    .where(and(isNull(domainEvents.publishedAt), window))
    .orderBy(asc(domainEvents.id))
    .limit(SWEEP_LIMIT);
  if (rows.length) await publisher.publish(rows.map(toEventView));
  return { published: rows.length };
}
