import { sql } from "drizzle-orm";
import { boolean, check, index, pgTable, text, timestamp, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { id, oneOf, tenantForeignKey, tenantId, timestamps } from "./_columns";

export const USER_ROLES = ["admin", "operator", "technician", "viewer"] as const;

/**
 * Staff accounts of one tenant (spec User). An email is unique per tenant, not globally: the same
 * person may work for two operators. The app stores emails lower-cased; the CHECK makes that a
 * guarantee, so the plain unique index on (tenant_id, email) is a case-insensitive one.
 */
export const users = pgTable(
  "users",
  {
    id: id(),
    tenantId: tenantId(),
    email: text("email").notNull(),
    passwordHash: text("password_hash").notNull(),
    name: text("name").notNull(),
    role: text("role", { enum: USER_ROLES }).notNull(),
    isActive: boolean("is_active").notNull().default(true),
    lastLoginAt: timestamp("last_login_at", { withTimezone: true }),
    /** Access tokens issued before this instant are rejected. */
    passwordChangedAt: timestamp("password_changed_at", { withTimezone: true }),
    ...timestamps(),
    /**
     * Access tokens issued at or before this instant are rejected too: set for every user by a
     * restore (migration 0013, declared last as it was added last).
     */
    sessionsValidAfter: timestamp("sessions_valid_after", { withTimezone: true }),
  },
  (t) => [
    /** The target of the (tenant, users) foreign keys (migration 0010). */
    unique("users_tenant_id_key").on(t.tenantId, t.id),
    uniqueIndex("users_tenant_email_key").on(t.tenantId, t.email),
    check("users_role_check", oneOf(t.role, USER_ROLES)),
    check("users_email_lower_case", sql`${t.email} = lower(${t.email})`),
  ],
);

/**
 * Refresh tokens, stored only as hashes. Each login starts a `family_id`; every rotation inserts the
 * successor (`replaced_by` points at it) and revokes the predecessor. Presenting a revoked token of a
 * family means it was stolen and replayed, so the whole family is revoked (hence the family index).
 * `replaced_by` carries no foreign key: it is a forensic pointer and rows are pruned independently.
 */
export const refreshTokens = pgTable(
  "refresh_tokens",
  {
    id: id(),
    tenantId: tenantId(),
    userId: uuid("user_id").notNull(),
    tokenHash: text("token_hash").notNull(),
    familyId: uuid("family_id").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    replacedBy: uuid("replaced_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    ip: text("ip"),
    userAgent: text("user_agent"),
  },
  (t) => [
    tenantForeignKey("refresh_tokens_tenant_user_fk", t, t.userId, users).onDelete("cascade"),
    uniqueIndex("refresh_tokens_token_hash_key").on(t.tokenHash),
    index("refresh_tokens_family_id_idx").on(t.familyId),
    /** "Sign out everywhere" / user deletion revoke by user. */
    index("refresh_tokens_tenant_user_idx").on(t.tenantId, t.userId),
  ],
);

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type RefreshToken = typeof refreshTokens.$inferSelect;
export type NewRefreshToken = typeof refreshTokens.$inferInsert;
