import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { acknowledgeAlert, resolveAlert } from "../../services/alerts/acknowledge";
import { serviceContext } from "../context";
import { jsonContent } from "../shared";
import { tenantRoute } from "../tenant-route";
import { AlertIdParams, AlertSchema } from "./schema";

export const acknowledgeAlertRoute = tenantRoute({
  method: "post",
  path: "/{id}/acknowledge",
  tags: ["Alerts"],
  summary: "Acknowledge an open alert (again: no-op; a resolved one: 409)",
  permission: "alerts:write",
  request: { params: AlertIdParams },
  responses: { 200: jsonContent(AlertSchema, "The acknowledged alert"), ...openApiErrorResponses },
});

export const resolveAlertRoute = tenantRoute({
  method: "post",
  path: "/{id}/resolve",
  tags: ["Alerts"],
  summary: "Resolve an open or acknowledged alert (again: no-op)",
  permission: "alerts:write",
  request: { params: AlertIdParams },
  responses: { 200: jsonContent(AlertSchema, "The resolved alert"), ...openApiErrorResponses },
});

export function registerAlertActions(app: AppOpenAPI) {
  app.openapi(acknowledgeAlertRoute, async (c) =>
    c.json(await acknowledgeAlert(serviceContext(c), c.req.valid("param").id), 200),
  );
  app.openapi(resolveAlertRoute, async (c) =>
    c.json(await resolveAlert(serviceContext(c), c.req.valid("param").id), 200),
  );
}
