import { sql } from "drizzle-orm";
import { bigint, boolean, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { tenantId } from "./_columns";

/**
 * Transactional outbox: a service writes the event in the same transaction as the change (and its
 * audit row); after commit, or from a sweeper for events whose broadcast was lost, it is published to
 * the tenant's WebSocket hub and `published_at` set. The key is a `bigint` identity rather than a
 * uuid so events have an insertion order (allocation order, not commit order) and a per-tenant
 * "events after id N" scan via (tenant_id, id).
 */
export const domainEvents = pgTable(
  "domain_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    tenantId: tenantId(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id").notNull(),
    action: text("action").notNull(),
    /** The acting user, if any (no foreign key, like audit_logs.user_id). */
    actorId: uuid("actor_id"),
    data: jsonb("data"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    /**
     * An email rule matches this event and its emails are not yet queued: set when the event is
     * written (`eventSendsEmail`), cleared once the rules have run over it. The email sweep picks
     * up what a failed or lost run left (the outbox of emails, like `published_at` for the hubs).
     */
    emailsDue: boolean("emails_due").notNull().default(false),
  },
  (t) => [
    index("domain_events_tenant_id_idx").on(t.tenantId, t.id),
    /** The sweeper's work list stays small: only unpublished rows are indexed. */
    index("domain_events_unpublished_idx").on(t.id).where(sql`${t.publishedAt} is null`),
    index("domain_events_emails_due_idx").on(t.id).where(sql`${t.emailsDue}`),
  ],
);

export type DomainEvent = typeof domainEvents.$inferSelect;
export type NewDomainEvent = typeof domainEvents.$inferInsert;
