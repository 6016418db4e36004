import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { listAlerts } from "../../services/alerts/list";
import { serviceContext } from "../context";
import { jsonContent } from "../shared";
import { tenantRoute } from "../tenant-route";
import { AlertListSchema, ListAlertsQuery } from "./schema";

export const listAlertsRoute = tenantRoute({
  method: "get",
  path: "/",
  tags: ["Alerts"],
  summary: "List alerts, newest first (filters: type, severity, status, entity)",
  permission: "alerts:read",
  request: { query: ListAlertsQuery },
  responses: { 200: jsonContent(AlertListSchema, "A page of alerts"), ...openApiErrorResponses },
});

export function registerListAlerts(app: AppOpenAPI) {
  app.openapi(listAlertsRoute, async (c) => c.json(await listAlerts(serviceContext(c), c.req.valid("query")), 200));
}
