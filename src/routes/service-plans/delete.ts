import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { deletePlan } from "../../services/service-plans/remove";
import { serviceContext } from "../context";
import { tenantRoute } from "../tenant-route";
import { PlanIdParams } from "./schema";

export const deletePlanRoute = tenantRoute({
  method: "delete",
  path: "/{id}",
  tags: ["Service plans"],
  summary: "Delete a service plan no customer or speed boost uses (else 409: retire it instead)",
  permission: "plans:write",
  request: { params: PlanIdParams },
  responses: { 204: { description: "Deleted" }, ...openApiErrorResponses },
});

export function registerDeletePlan(app: AppOpenAPI) {
  app.openapi(deletePlanRoute, async (c) => {
    await deletePlan(serviceContext(c), c.req.valid("param").id);
    return c.body(null, 204);
  });
}
