import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { listConnectors } from "../../services/connectors/list";
import { serviceContext } from "../context";
import { jsonContent } from "../shared";
import { tenantRoute } from "../tenant-route";
import { ConnectorListSchema, ListConnectorsQuery } from "./schema";

export const listConnectorsRoute = tenantRoute({
  method: "get",
  path: "/",
  tags: ["Connectors"],
  summary: "List connectors (filter: status; search: name) with their routers",
  permission: "connectors:read",
  request: { query: ListConnectorsQuery },
  responses: { 200: jsonContent(ConnectorListSchema, "A page of connectors"), ...openApiErrorResponses },
});

export function registerListConnectors(app: AppOpenAPI) {
  app.openapi(listConnectorsRoute, async (c) =>
    c.json(await listConnectors(serviceContext(c), c.req.valid("query")), 200),
  );
}
