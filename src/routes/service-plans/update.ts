import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { updatePlan } from "../../services/service-plans/update";
import { serviceContext } from "../context";
import { jsonBody, jsonContent } from "../shared";
import { tenantRoute } from "../tenant-route";
import { PlanIdParams, ServicePlanSchema, UpdatePlanBody } from "./schema";

export const updatePlanRoute = tenantRoute({
  method: "patch",
  path: "/{id}",
  tags: ["Service plans"],
  summary: "Update a service plan (customers keep their own monthly fee)",
  permission: "plans:write",
  request: { params: PlanIdParams, body: jsonBody(UpdatePlanBody) },
  responses: { 200: jsonContent(ServicePlanSchema, "The updated plan"), ...openApiErrorResponses },
});

export function registerUpdatePlan(app: AppOpenAPI) {
  app.openapi(updatePlanRoute, async (c) =>
    c.json(await updatePlan(serviceContext(c), c.req.valid("param").id, c.req.valid("json")), 200),
  );
}
