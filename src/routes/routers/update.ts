import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { updateMikrotikRouter } from "../../services/routers/update";
import { serviceContext } from "../context";
import { jsonBody, jsonContent } from "../shared";
import { tenantRoute } from "../tenant-route";
import { RouterIdParams, RouterSchema, UpdateRouterBody } from "./schema";

export const updateRouterRoute = tenantRoute({
  method: "patch",
  path: "/{id}",
  tags: ["Routers"],
  summary: "Update a router (status, last seen and RouterOS version are read-only)",
  permission: "routers:write",
  request: { params: RouterIdParams, body: jsonBody(UpdateRouterBody) },
  responses: { 200: jsonContent(RouterSchema, "The updated router"), ...openApiErrorResponses },
});

export function registerUpdateRouter(app: AppOpenAPI) {
  app.openapi(updateRouterRoute, async (c) =>
    c.json(await updateMikrotikRouter(serviceContext(c), c.req.valid("param").id, c.req.valid("json")), 200),
  );
}
