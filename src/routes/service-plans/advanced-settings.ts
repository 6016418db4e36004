import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { getAdvancedSettings, putAdvancedSettings } from "../../services/service-plans/advanced-settings";
import { serviceContext } from "../context";
import { jsonBody, jsonContent } from "../shared";
import { tenantRoute } from "../tenant-route";
import { AdvancedSettingsBody, AdvancedSettingsSchema, PlanIdParams } from "./schema";

export const getAdvancedSettingsRoute = tenantRoute({
  method: "get",
  path: "/{id}/advanced-settings",
  tags: ["Service plans"],
  summary: "A plan's MikroTik settings and derived rate limit (defaults when never set)",
  permission: "plans:read",
  request: { params: PlanIdParams },
  responses: { 200: jsonContent(AdvancedSettingsSchema, "The settings"), ...openApiErrorResponses },
});

export const putAdvancedSettingsRoute = tenantRoute({
  method: "put",
  path: "/{id}/advanced-settings",
  tags: ["Service plans"],
  summary: "Replace a plan's MikroTik settings (omitted fields take their defaults)",
  permission: "plans:write",
  request: { params: PlanIdParams, body: jsonBody(AdvancedSettingsBody) },
  responses: { 200: jsonContent(AdvancedSettingsSchema, "The stored settings"), ...openApiErrorResponses },
});

export function registerAdvancedSettings(app: AppOpenAPI) {
  app.openapi(getAdvancedSettingsRoute, async (c) =>
    c.json(await getAdvancedSettings(serviceContext(c), c.req.valid("param").id), 200),
  );
  app.openapi(putAdvancedSettingsRoute, async (c) =>
    c.json(await putAdvancedSettings(serviceContext(c), c.req.valid("param").id, c.req.valid("json")), 200),
  );
}
