import type { AppOpenAPI } from "../../../env";
import { openApiErrorResponses } from "../../../errors/openapi-responses";
import { getSmtpSettings } from "../../../services/settings/smtp";
import { serviceContext } from "../../context";
import { jsonContent } from "../../shared";
import { tenantRoute } from "../../tenant-route";
import { SmtpSettingsSchema } from "./schema";

export const getSmtpSettingsRoute = tenantRoute({
  method: "get",
  path: "/",
  tags: ["Settings"],
  summary: "The tenant's SMTP server (the password is never returned)",
  permission: "settings:read",
  responses: { 200: jsonContent(SmtpSettingsSchema, "The SMTP settings"), ...openApiErrorResponses },
});

export function registerGetSmtpSettings(app: AppOpenAPI) {
  app.openapi(getSmtpSettingsRoute, async (c) => c.json(await getSmtpSettings(serviceContext(c)), 200));
}
