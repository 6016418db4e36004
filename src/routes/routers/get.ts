import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { getMikrotikRouter } from "../../services/routers/get";
import { serviceContext } from "../context";
import { jsonContent } from "../shared";
import { tenantRoute } from "../tenant-route";
import { RouterIdParams, RouterSchema } from "./schema";

export const getRouterRoute = tenantRoute({
  method: "get",
  path: "/{id}",
  tags: ["Routers"],
  summary: "Get a router",
  permission: "routers:read",
  request: { params: RouterIdParams },
  responses: { 200: jsonContent(RouterSchema, "The router"), ...openApiErrorResponses },
});

export function registerGetRouter(app: AppOpenAPI) {
  app.openapi(getRouterRoute, async (c) =>
    c.json(await getMikrotikRouter(serviceContext(c), c.req.valid("param").id), 200),
  );
}
