import { z } from "@hono/zod-openapi";
import { SMTP_DELIVERY_MODES, SMTP_SECURE_MODES } from "../../../db/schema";
import { SmtpSettingsInput } from "../../../services/settings/smtp";

export const SmtpSettingsSchema = z
  .object({
    source: z.enum(["tenant", "platform"]).openapi({
      description: "tenant: its own server below; platform: no settings, email goes through the platform's server",
      example: "tenant",
    }),
    host: z.string().nullable().openapi({ example: "mail.warungnet.id" }),
    port: z.number().int().nullable().openapi({ example: 587 }),
    secureMode: z.enum(SMTP_SECURE_MODES).nullable().openapi({ example: "starttls" }),
    username: z.string().nullable().openapi({ example: "billing@warungnet.id" }),
    hasPassword: z
      .boolean()
      .openapi({ description: "Whether a password is stored (it is never returned)", example: true }),
    fromAddress: z.string().nullable().openapi({ example: "billing@warungnet.id" }),
    delivery: z.enum(SMTP_DELIVERY_MODES).nullable().openapi({ example: "direct" }),
    updatedAt: z.string().nullable().openapi({ example: "2026-11-25T01:00:00.000Z" }),
  })
  .openapi("SmtpSettings");

export const PutSmtpSettingsBody = SmtpSettingsInput.strict().openapi("PutSmtpSettings", {
  example: {
    host: "mail.warungnet.id",
    port: 587,
    secureMode: "starttls",
    username: "billing@warungnet.id",
    password: "app-password",
    fromAddress: "billing@warungnet.id",
    delivery: "direct",
  },
});
