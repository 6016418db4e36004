import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { getMonitoringSettings, putMonitoringSettings } from "../../services/monitoring/settings";
import { serviceContext } from "../context";
import { jsonBody, jsonContent } from "../shared";
import { tenantRoute } from "../tenant-route";
import { MonitoringSettingsBody, MonitoringSettingsSchema } from "./schema";

export const getMonitoringSettingsRoute = tenantRoute({
  method: "get",
  path: "/settings",
  tags: ["Monitoring"],
  summary: "The tenant's monitoring settings (usage alert threshold)",
  permission: "monitoring:read",
  responses: { 200: jsonContent(MonitoringSettingsSchema, "The settings"), ...openApiErrorResponses },
});

export const putMonitoringSettingsRoute = tenantRoute({
  method: "put",
  path: "/settings",
  tags: ["Monitoring"],
  summary: "Replace the monitoring settings",
  permission: "monitoring:write",
  request: { body: jsonBody(MonitoringSettingsBody) },
  responses: { 200: jsonContent(MonitoringSettingsSchema, "The settings now"), ...openApiErrorResponses },
});

export function registerMonitoringSettings(app: AppOpenAPI) {
  app.openapi(getMonitoringSettingsRoute, async (c) => c.json(await getMonitoringSettings(serviceContext(c)), 200));
  app.openapi(putMonitoringSettingsRoute, async (c) =>
    c.json(await putMonitoringSettings(serviceContext(c), c.get("dbs").system(), c.req.valid("json")), 200),
  );
}
