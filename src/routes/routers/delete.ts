import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { deleteMikrotikRouter } from "../../services/routers/remove";
import { serviceContext } from "../context";
import { tenantRoute } from "../tenant-route";
import { RouterIdParams } from "./schema";

export const deleteRouterRoute = tenantRoute({
  method: "delete",
  path: "/{id}",
  tags: ["Routers"],
  summary: "Delete a router no customer uses (else 409: set isActive=false instead)",
  permission: "routers:write",
  request: { params: RouterIdParams },
  responses: { 204: { description: "Deleted" }, ...openApiErrorResponses },
});

export function registerDeleteRouter(app: AppOpenAPI) {
  app.openapi(deleteRouterRoute, async (c) => {
    await deleteMikrotikRouter(serviceContext(c), c.req.valid("param").id);
    return c.body(null, 204);
  });
}
