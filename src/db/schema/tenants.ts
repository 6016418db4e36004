import { sql } from "drizzle-orm";
import { boolean, check, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { id, oneOf, timestamps } from "./_columns";

export const TENANT_LOCALES = ["id", "en"] as const;

/**
 * An ISP operator: the root of every other row. `slug` is the spec's `Subdomain` (`<slug>.<base>`),
 * so it must be a lower-case DNS label. The app role may only read this table (tenant resolution
 * runs on the request path); creating, changing and purging tenants goes through the system role.
 * No `tenant_id` here, so no row-level security either: it is the tenant directory.
 */
export const tenants = pgTable(
  "tenants",
  {
    id: id(),
    name: text("name").notNull(),
    slug: text("slug").notNull(),
    /** IANA zone for billing days, due dates and "this month" (Asia/Jakarta, Asia/Makassar, Asia/Jayapura…). */
    timezone: text("timezone").notNull().default("Asia/Jakarta"),
    locale: text("locale", { enum: TENANT_LOCALES }).notNull().default("id"),
    isActive: boolean("is_active").notNull().default(true),
    /** Free-form operator preferences; anything that needs querying or constraints gets a real column. */
    settings: jsonb("settings").$type<Record<string, unknown>>().notNull().default({}),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex("tenants_slug_key").on(t.slug),
    check("tenants_slug_dns_label", sql`${t.slug} ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$'`),
    check("tenants_locale_check", oneOf(t.locale, TENANT_LOCALES)),
  ],
);

export type Tenant = typeof tenants.$inferSelect;
export type NewTenant = typeof tenants.$inferInsert;
