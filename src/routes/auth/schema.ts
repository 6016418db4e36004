import { z } from "@hono/zod-openapi";
import { ROLES } from "../../services/context";
import { EmailSchema, SlugSchema } from "../../services/tenants/schemas";

export const UserSchema = z
  .object({
    id: z.uuid(),
    email: z.string().openapi({ example: "admin@warungnet.id" }),
    name: z.string().openapi({ example: "Budi Santoso" }),
    role: z.enum(ROLES).openapi({ example: "admin" }),
    isActive: z.boolean().openapi({ example: true }),
    lastLoginAt: z.string().nullable().openapi({ example: "2026-11-24T08:00:00.000Z" }),
    createdAt: z.string().openapi({ example: "2026-11-01T08:00:00.000Z" }),
  })
  .openapi("User");

export const TokenPairSchema = z
  .object({
    access_token: z.string().openapi({ description: "EdDSA JWT, 15 minutes" }),
    refresh_token: z.string().openapi({ description: "Opaque, 7 days, single use (rotated on refresh)" }),
    token_type: z.literal("Bearer"),
    expires_in: z.number().int().openapi({ description: "Access token lifetime, seconds", example: 900 }),
  })
  .openapi("TokenPair");

export const LoginResponseSchema = TokenPairSchema.extend({ user: UserSchema }).openapi("LoginResponse");

export const LoginBody = z
  .object({
    email: EmailSchema.openapi({ example: "admin@demo.rtrwnet.id" }),
    password: z.string().min(1).max(256).openapi({ example: "demo-admin-password" }),
    tenant: SlugSchema.optional().openapi({
      description: "Tenant slug, when neither subdomain nor X-Tenant-ID says it",
      example: "demo",
    }),
  })
  .strict()
  .openapi("LoginRequest");

export const RefreshTokenBody = z
  .object({ refresh_token: z.string().min(1).max(200) })
  .strict()
  .openapi("RefreshTokenRequest");
