import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { listPlans } from "../../services/service-plans/list";
import { serviceContext } from "../context";
import { jsonContent } from "../shared";
import { tenantRoute } from "../tenant-route";
import { ListPlansQuery, PlanListSchema } from "./schema";

export const listPlansRoute = tenantRoute({
  method: "get",
  path: "/",
  tags: ["Service plans"],
  summary: "List service plans (cheapest first; cached for an hour, refreshed by any plan write)",
  permission: "plans:read",
  request: { query: ListPlansQuery },
  responses: { 200: jsonContent(PlanListSchema, "A page of plans"), ...openApiErrorResponses },
});

export function registerListPlans(app: AppOpenAPI) {
  app.openapi(listPlansRoute, async (c) => c.json(await listPlans(serviceContext(c), c.req.valid("query")), 200));
}
