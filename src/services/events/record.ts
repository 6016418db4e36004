import type { Tx } from "../../db/client";
import { domainEvents } from "../../db/schema";
import { type AuditAction, type AuditMeta, recordAudit, redact } from "../audit/record";
import { actorUserId } from "../context";
import { eventSendsEmail } from "../email/event-rules";

/**
 * A change to a tenant's data, as realtime delivery (TenantHub) and router provisioning see it.
 * `type` is `<entity>.<action>`; the action is the audit action, a present-tense verb: `create`,
 * `update`, `delete`, or a domain verb (`status_change`, `plan_change`, `approve`, `assign`, …),
 * e.g. `customer.create`, `customer.status_change`.
 */
export interface DomainEventView {
  id: number;
  tenantId: string;
  type: string;
  entityType: string;
  entityId: string;
  action: string;
  actorId: string | null;
  data: unknown;
  createdAt: string;
}

export interface ChangeRecord {
  tenantId: string;
  /** Audit action: create | update | delete | a domain verb (approve, status_change, …). */
  action: AuditAction;
  entityType: string;
  entityId: string;
  /** Audit changes: `{ field: { old, new } }` for updates, the record for create/delete. */
  changes?: unknown;
  /** The event's payload (what subscribers get); defaults to the redacted `changes`. */
  event?: unknown;
}

/** Sink of committed events, provided by the transport (request or job) and flushed after commit. */
export interface EventSink {
  push(event: DomainEventView): void;
}

/**
 * The one way a service records a write: the audit row and the outbox event, in the caller's
 * transaction, so the change, its audit trail and its event commit together or not at all. The
 * event also goes to `sink` for delivery after commit (the outbox row covers a lost delivery).
 */
export async function recordChange(
  tx: Tx,
  meta: AuditMeta & { events?: EventSink },
  change: ChangeRecord,
): Promise<void> {
  await recordAudit(tx, meta, change);
  const data = redact(change.event ?? change.changes ?? null);
  const [row] = await tx
    .insert(domainEvents)
    .values({
      tenantId: change.tenantId,
      entityType: change.entityType,
      entityId: change.entityId,
      action: change.action,
      actorId: actorUserId(meta.actor),
      data,
      emailsDue: eventSendsEmail(change.entityType, change.action),
    })
    .returning({ id: domainEvents.id, createdAt: domainEvents.createdAt });
  if (row && meta.events) {
    meta.events.push({
      id: row.id,
      tenantId: change.tenantId,
      type: `${change.entityType}.${change.action}`,
      entityType: change.entityType,
      entityId: change.entityId,
      action: change.action,
      actorId: actorUserId(meta.actor),
      data,
      createdAt: row.createdAt.toISOString(),
    });
  }
}
