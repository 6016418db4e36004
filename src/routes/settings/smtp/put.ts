import type { AppOpenAPI } from "../../../env";
import { openApiErrorResponses } from "../../../errors/openapi-responses";
import { putSmtpSettings } from "../../../services/settings/smtp";
import { serviceContext } from "../../context";
import { jsonBody, jsonContent } from "../../shared";
import { tenantRoute } from "../../tenant-route";
import { PutSmtpSettingsBody, SmtpSettingsSchema } from "./schema";

export const putSmtpSettingsRoute = tenantRoute({
  method: "put",
  path: "/",
  tags: ["Settings"],
  summary:
    "Set the tenant's own SMTP server (password encrypted at rest; omit it to keep the stored one, unless host, port, secureMode or delivery change)",
  permission: "settings:write",
  request: { body: jsonBody(PutSmtpSettingsBody) },
  responses: { 200: jsonContent(SmtpSettingsSchema, "The saved settings"), ...openApiErrorResponses },
});

export function registerPutSmtpSettings(app: AppOpenAPI) {
  app.openapi(putSmtpSettingsRoute, async (c) =>
    c.json(await putSmtpSettings(serviceContext(c), c.req.valid("json")), 200),
  );
}
