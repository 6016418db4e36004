import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { getPlan } from "../../services/service-plans/get";
import { serviceContext } from "../context";
import { jsonContent } from "../shared";
import { tenantRoute } from "../tenant-route";
import { PlanIdParams, ServicePlanSchema } from "./schema";

export const getPlanRoute = tenantRoute({
  method: "get",
  path: "/{id}",
  tags: ["Service plans"],
  summary: "Get a service plan",
  permission: "plans:read",
  request: { params: PlanIdParams },
  responses: { 200: jsonContent(ServicePlanSchema, "The plan"), ...openApiErrorResponses },
});

export function registerGetPlan(app: AppOpenAPI) {
  app.openapi(getPlanRoute, async (c) => c.json(await getPlan(serviceContext(c), c.req.valid("param").id), 200));
}
