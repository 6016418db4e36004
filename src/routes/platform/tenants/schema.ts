import { z } from "@hono/zod-openapi";
import { PageQuerySchema, searchQuery } from "../../../lib/pagination";
import { CreateTenantInput, LOCALES, UpdateTenantInput } from "../../../services/tenants/schemas";
import { pageSchema } from "../../shared";

export const TenantSchema = z
  .object({
    id: z.uuid().openapi({ example: "0b6f3c1e-5d1a-4c8e-9a43-2f0d6c1b7e55" }),
    name: z.string().openapi({ description: "The ISP's trading name", example: "Warung Net Cibubur" }),
    slug: z.string().openapi({ description: "Subdomain: <slug>.<base domain>", example: "warungnet" }),
    timezone: z.string().openapi({ description: "IANA zone for billing and reports", example: "Asia/Jakarta" }),
    locale: z.enum(LOCALES).openapi({ description: "Language of emails and invoices", example: "id" }),
    isActive: z.boolean().openapi({ description: "A deactivated tenant's requests are refused", example: true }),
    createdAt: z.string().openapi({ example: "2026-11-24T08:00:00.000Z" }),
    updatedAt: z.string().openapi({ example: "2026-11-24T08:00:00.000Z" }),
  })
  .openapi("Tenant");

export const CreateTenantBody = CreateTenantInput.strict().openapi("CreateTenant", {
  example: {
    name: "Warung Net Cibubur",
    slug: "warungnet",
    timezone: "Asia/Jakarta",
    locale: "id",
    admin: { email: "admin@warungnet.id", password: "ganti-password-ini", name: "Budi Santoso" },
  },
});

export const UpdateTenantBody = UpdateTenantInput.strict().openapi("UpdateTenant", {
  example: { isActive: false },
});

export const CreatedTenantSchema = z
  .object({
    tenant: TenantSchema,
    admin: z.object({
      id: z.uuid(),
      email: z.string().openapi({ example: "admin@warungnet.id" }),
      name: z.string().openapi({ example: "Budi Santoso" }),
      role: z.literal("admin"),
    }),
  })
  .openapi("CreatedTenant");

export const TenantIdParams = z.object({
  id: z.uuid().openapi({ param: { name: "id", in: "path" }, example: "0b6f3c1e-5d1a-4c8e-9a43-2f0d6c1b7e55" }),
});

export const ListTenantsQuery = PageQuerySchema.extend({
  search: searchQuery("Matches name or slug", "wifi-melati"),
  active: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional(),
});

export const TenantListSchema = pageSchema(TenantSchema, "TenantList");
