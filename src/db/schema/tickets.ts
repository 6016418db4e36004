import { sql } from "drizzle-orm";
import {
  check,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { id, oneOf, tenantForeignKey, tenantId, timestamps } from "./_columns";
import { customers } from "./customers";
import { users } from "./users";

export const TICKET_STATUSES = ["open", "in_progress", "resolved", "closed"] as const;
export const TICKET_PRIORITIES = ["low", "medium", "high", "urgent"] as const;

/**
 * A support ticket for a customer (spec Ticket). The state machine (open → in_progress → resolved →
 * closed, Property 31) lives in the service; the table only constrains the vocabulary. `resolved_at`
 * and `closed_at` record the transitions (Property 32). The assignee is SET NULL so deleting a staff
 * account leaves the ticket unassigned instead of blocking; the customer is RESTRICT.
 * `ticket_number` comes from `ticket_counters`.
 */
export const tickets = pgTable(
  "tickets",
  {
    id: id(),
    tenantId: tenantId(),
    customerId: uuid("customer_id").notNull(),
    ticketNumber: text("ticket_number").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull(),
    status: text("status", { enum: TICKET_STATUSES }).notNull().default("open"),
    priority: text("priority", { enum: TICKET_PRIORITIES }).notNull().default("medium"),
    assignedTo: uuid("assigned_to"),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    ...timestamps(),
  },
  (t) => [
    tenantForeignKey("tickets_tenant_assigned_to_fk", t, t.assignedTo, users).onDelete("set null"),
    /** Composite with the tenant: both rows share one, and the (tenant_id, …) index serves the FK checks of a tenant purge. */
    foreignKey({
      name: "tickets_tenant_customer_fk",
      columns: [t.tenantId, t.customerId],
      foreignColumns: [customers.tenantId, customers.id],
    }).onDelete("restrict"),
    /** The target of ticket_comments' (tenant, ticket) foreign key. */
    unique("tickets_tenant_id_key").on(t.tenantId, t.id),
    uniqueIndex("tickets_tenant_ticket_number_key").on(t.tenantId, t.ticketNumber),
    index("tickets_tenant_status_priority_idx").on(t.tenantId, t.status, t.priority),
    index("tickets_tenant_customer_idx").on(t.tenantId, t.customerId),
    check("tickets_status_check", oneOf(t.status, TICKET_STATUSES)),
    check("tickets_priority_check", oneOf(t.priority, TICKET_PRIORITIES)),
  ],
);

/**
 * Per-tenant, per-month ticket sequence: `next_value` is the number the next ticket of `period`
 * ('YYYYMM') gets. Allocate with `insert … values ($1, $2, 2) on conflict (tenant_id, period) do update
 * set next_value = ticket_counters.next_value + 1 returning next_value - 1`; the row lock keeps numbers
 * unique under concurrency (Property 30) and they restart each month (e.g. TKT-202501-0001).
 */
export const ticketCounters = pgTable(
  "ticket_counters",
  {
    tenantId: tenantId(),
    period: text("period").notNull(),
    nextValue: integer("next_value").notNull().default(1),
  },
  (t) => [
    primaryKey({ name: "ticket_counters_pkey", columns: [t.tenantId, t.period] }),
    check("ticket_counters_period_format", sql`${t.period} ~ '^[0-9]{4}(0[1-9]|1[0-2])$'`),
    check("ticket_counters_next_value_positive", sql`${t.nextValue} > 0`),
  ],
);

/**
 * A comment on a ticket, deleted with it. The author is SET NULL on user deletion so the thread
 * stays readable. Append-only by convention (no `updated_at`).
 */
export const ticketComments = pgTable(
  "ticket_comments",
  {
    id: id(),
    tenantId: tenantId(),
    ticketId: uuid("ticket_id").notNull(),
    authorId: uuid("author_id"),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    tenantForeignKey("ticket_comments_tenant_author_fk", t, t.authorId, users).onDelete("set null"),
    /** Composite with the tenant: both rows share one, and the (tenant_id, …) index serves the FK checks of a tenant purge. */
    foreignKey({
      name: "ticket_comments_tenant_ticket_fk",
      columns: [t.tenantId, t.ticketId],
      foreignColumns: [tickets.tenantId, tickets.id],
    }).onDelete("cascade"),
    index("ticket_comments_tenant_ticket_created_at_idx").on(t.tenantId, t.ticketId, t.createdAt),
  ],
);

export type Ticket = typeof tickets.$inferSelect;
export type NewTicket = typeof tickets.$inferInsert;
export type TicketCounter = typeof ticketCounters.$inferSelect;
export type NewTicketCounter = typeof ticketCounters.$inferInsert;
export type TicketComment = typeof ticketComments.$inferSelect;
export type NewTicketComment = typeof ticketComments.$inferInsert;
