import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { listMikrotikRouters } from "../../services/routers/list";
import { serviceContext } from "../context";
import { jsonContent } from "../shared";
import { tenantRoute } from "../tenant-route";
import { ListRoutersQuery, RouterListSchema } from "./schema";

export const listRoutersRoute = tenantRoute({
  method: "get",
  path: "/",
  tags: ["Routers"],
  summary: "List routers (filters: status, active, connector; search name, host, location)",
  permission: "routers:read",
  request: { query: ListRoutersQuery },
  responses: { 200: jsonContent(RouterListSchema, "A page of routers"), ...openApiErrorResponses },
});

export function registerListRouters(app: AppOpenAPI) {
  app.openapi(listRoutersRoute, async (c) =>
    c.json(await listMikrotikRouters(serviceContext(c), c.req.valid("query")), 200),
  );
}
