import { z } from "zod";

/** IANA zones of Indonesia (WIB, WITA, WIT); billing days and "this month" are computed in them. */
export const TIMEZONES = ["Asia/Jakarta", "Asia/Pontianak", "Asia/Makassar", "Asia/Jayapura"] as const;
export const LOCALES = ["id", "en"] as const;

/** Subdomains of the base domain that are ours, never a tenant's. */
export const RESERVED_SLUGS = new Set(["www", "api", "app", "admin", "docs", "platform", "status", "mail"]);

/** A DNS label: the tenant's subdomain. */
export const SlugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(3)
  .max(63)
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, "lowercase letters, digits and inner hyphens only (a DNS label)")
  .refine((s) => !RESERVED_SLUGS.has(s), "is reserved");

/**
 * Names of people and companies. The XSS policy (Property 53): input with `<` or `>` is rejected
 * with a 400, never stripped or escaped on the way in, so what is stored is exactly what was sent.
 * Everything else (`&`, quotes) is kept verbatim and leaves the API only JSON-encoded as
 * `application/json`; escaping for HTML is the job of whatever renders it.
 */
export const PlainNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(120)
  .refine((s) => !/[<>]/.test(s), "must not contain < or >");

export const EmailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email());

export const PasswordSchema = z.string().min(10, "at least 10 characters").max(256);

export const CreateTenantInput = z.object({
  name: PlainNameSchema,
  slug: SlugSchema,
  timezone: z.enum(TIMEZONES).default("Asia/Jakarta"),
  locale: z.enum(LOCALES).default("id"),
  admin: z.object({ email: EmailSchema, password: PasswordSchema, name: PlainNameSchema }),
});
export type CreateTenantInput = z.infer<typeof CreateTenantInput>;

export const UpdateTenantInput = z
  .object({
    name: PlainNameSchema,
    timezone: z.enum(TIMEZONES),
    locale: z.enum(LOCALES),
    isActive: z.boolean(),
  })
  .partial();
export type UpdateTenantInput = z.infer<typeof UpdateTenantInput>;
