import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { id, oneOf, tenantId, timestamps } from "./_columns";

export const NOTIFICATION_CHANNELS = ["email"] as const;
export const NOTIFICATION_STATUSES = ["queued", "sent", "failed"] as const;
export const SMTP_SECURE_MODES = ["none", "starttls", "tls"] as const;
export const SMTP_DELIVERY_MODES = ["direct", "connector"] as const;

/**
 * The email outbox and delivery log (spec Email Service, Properties 59–60). A row is written in the
 * same transaction as the event that causes it, then the queue consumer renders `template` with
 * `data`, sends, and records `sent_at`/`message_id`, or bumps `attempts` and `last_error`; after the
 * third failure it is `failed` (Property 60). Keeping `data` lets a retry re-render without the
 * original request. `channel` is only 'email' today; the CHECK widens when SMS arrives.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: id(),
    tenantId: tenantId(),
    channel: text("channel", { enum: NOTIFICATION_CHANNELS }).notNull().default("email"),
    template: text("template").notNull(),
    recipient: text("recipient").notNull(),
    subject: text("subject"),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    status: text("status", { enum: NOTIFICATION_STATUSES }).notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    messageId: text("message_id"),
    ...timestamps(),
    /**
     * A delivery attempt holds the row until this instant (migration 0009): it is claimed in one
     * short transaction, the SMTP conversation runs outside any, and the result is written in
     * another. A duplicate delivery of the message meanwhile waits; a crashed attempt's claim lapses.
     */
    sendingUntil: timestamp("sending_until", { withTimezone: true }),
  },
  (t) => [
    index("notifications_tenant_status_created_at_idx").on(t.tenantId, t.status, t.createdAt),
    check("notifications_channel_check", oneOf(t.channel, NOTIFICATION_CHANNELS)),
    check("notifications_status_check", oneOf(t.status, NOTIFICATION_STATUSES)),
    check("notifications_attempts_non_negative", sql`${t.attempts} >= 0`),
  ],
);

/**
 * A tenant's own SMTP server, one row per tenant (absent = the platform's default sender).
 * `delivery = 'connector'` relays through the tenant's connector, for SMTP servers only reachable
 * inside the ISP network. `password_enc` is AES-256-GCM ciphertext, never returned.
 */
export const tenantSmtpSettings = pgTable(
  "tenant_smtp_settings",
  {
    tenantId: tenantId().primaryKey(),
    host: text("host").notNull(),
    port: integer("port").notNull().default(587),
    secureMode: text("secure_mode", { enum: SMTP_SECURE_MODES }).notNull().default("starttls"),
    username: text("username"),
    passwordEnc: text("password_enc"),
    fromAddress: text("from_address").notNull(),
    delivery: text("delivery", { enum: SMTP_DELIVERY_MODES }).notNull().default("direct"),
    ...timestamps(),
  },
  (t) => [
    check("tenant_smtp_settings_port_range", sql`${t.port} between 1 and 65535`),
    check("tenant_smtp_settings_secure_mode_check", oneOf(t.secureMode, SMTP_SECURE_MODES)),
    check("tenant_smtp_settings_delivery_check", oneOf(t.delivery, SMTP_DELIVERY_MODES)),
  ],
);

export type Notification = typeof notifications.$inferSelect;
export type NewNotification = typeof notifications.$inferInsert;
export type TenantSmtpSetting = typeof tenantSmtpSettings.$inferSelect;
export type NewTenantSmtpSetting = typeof tenantSmtpSettings.$inferInsert;
