import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { createPlan } from "../../services/service-plans/create";
import { serviceContext } from "../context";
import { jsonBody, jsonContent } from "../shared";
import { tenantRoute } from "../tenant-route";
import { CreatePlanBody, ServicePlanSchema } from "./schema";

export const createPlanRoute = tenantRoute({
  method: "post",
  path: "/",
  tags: ["Service plans"],
  summary: "Create a service plan (speeds and price > 0; name unique in the tenant)",
  permission: "plans:write",
  request: { body: jsonBody(CreatePlanBody) },
  responses: { 201: jsonContent(ServicePlanSchema, "The created plan"), ...openApiErrorResponses },
});

export function registerCreatePlan(app: AppOpenAPI) {
  app.openapi(createPlanRoute, async (c) => c.json(await createPlan(serviceContext(c), c.req.valid("json")), 201));
}
