import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { getAlert } from "../../services/alerts/get";
import { serviceContext } from "../context";
import { jsonContent } from "../shared";
import { tenantRoute } from "../tenant-route";
import { AlertIdParams, AlertSchema } from "./schema";

export const getAlertRoute = tenantRoute({
  method: "get",
  path: "/{id}",
  tags: ["Alerts"],
  summary: "Get an alert",
  permission: "alerts:read",
  request: { params: AlertIdParams },
  responses: { 200: jsonContent(AlertSchema, "The alert"), ...openApiErrorResponses },
});

export function registerGetAlert(app: AppOpenAPI) {
  app.openapi(getAlertRoute, async (c) => c.json(await getAlert(serviceContext(c), c.req.valid("param").id), 200));
}
