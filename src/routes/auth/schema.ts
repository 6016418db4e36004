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

const DeviceTokenSchema = z.string().min(1).max(2048);

export const LoginResponseSchema = TokenPairSchema.extend({
  user: UserSchema,
  deviceToken: DeviceTokenSchema.openapi({
    description:
      "Proof that this client has signed in to this account (90 days, renewed by every sign-in; also set as " +
      "the HttpOnly `rtrw_device` cookie). Send it back on later sign-ins so that a lock of the account " +
      "against guessing does not keep its owner out.",
  }),
}).openapi("LoginResponse");

export const LoginBody = z
  .object({
    email: EmailSchema.openapi({ example: "admin@demo.rtrwnet.id" }),
    password: z.string().min(1).max(256).openapi({ example: "demo-admin-password" }),
    tenant: SlugSchema.optional().openapi({
      description: "Tenant slug, when neither subdomain nor X-Tenant-ID says it",
      example: "demo",
    }),
    deviceToken: DeviceTokenSchema.optional().openapi({
      description: "The `deviceToken` of an earlier sign-in (or send X-Device-Token, or the cookie)",
    }),
  })
  .strict()
  .openapi("LoginRequest");

export const UnlockBody = z
  .object({ token: z.string().min(1).max(2048).openapi({ description: "The token of the mailed unlock link" }) })
  .strict()
  .openapi("UnlockRequest");

export const RefreshTokenBody = z
  .object({ refresh_token: z.string().min(1).max(200) })
  .strict()
  .openapi("RefreshTokenRequest");
