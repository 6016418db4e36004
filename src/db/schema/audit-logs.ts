import { check, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { id, oneOf, tenantId } from "./_columns";

export const AUDIT_ACTOR_TYPES = ["user", "api_key", "connector", "system", "platform"] as const;

/**
 * Append-only audit trail (spec AuditLog, Properties 45–48). Immutable (Property 47): the app role
 * may only select and insert, and a trigger (migration 0001) rejects every UPDATE, DELETE and
 * TRUNCATE — except the deletes cascading from purging a whole tenant through the system role
 * (Property 2).
 *
 * `user_id` has no foreign key on purpose: system actors have no user, and the row must keep naming
 * the user after the account is deleted. `actor_type` says who acted when there is no user.
 * `entity_id` is text so non-uuid keys (counters, settings) can be audited too.
 */
export const auditLogs = pgTable(
  "audit_logs",
  {
    id: id(),
    tenantId: tenantId(),
    userId: uuid("user_id"),
    actorType: text("actor_type", { enum: AUDIT_ACTOR_TYPES }).notNull(),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id").notNull(),
    changes: jsonb("changes"),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
    requestId: text("request_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("audit_logs_tenant_created_at_idx").on(t.tenantId, t.createdAt.desc()),
    index("audit_logs_tenant_entity_idx").on(t.tenantId, t.entityType, t.entityId),
    index("audit_logs_tenant_user_idx").on(t.tenantId, t.userId),
    check("audit_logs_actor_type_check", oneOf(t.actorType, AUDIT_ACTOR_TYPES)),
  ],
);

export type AuditLog = typeof auditLogs.$inferSelect;
export type NewAuditLog = typeof auditLogs.$inferInsert;
