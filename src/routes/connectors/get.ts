import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { getConnector } from "../../services/connectors/list";
import { serviceContext } from "../context";
import { jsonContent } from "../shared";
import { tenantRoute } from "../tenant-route";
import { ConnectorIdParams, ConnectorSchema } from "./schema";

export const getConnectorRoute = tenantRoute({
  method: "get",
  path: "/{id}",
  tags: ["Connectors"],
  summary: "Get a connector: status, last seen, version, routers reachable",
  permission: "connectors:read",
  request: { params: ConnectorIdParams },
  responses: { 200: jsonContent(ConnectorSchema, "The connector"), ...openApiErrorResponses },
});

export function registerGetConnector(app: AppOpenAPI) {
  app.openapi(getConnectorRoute, async (c) =>
    c.json(await getConnector(serviceContext(c), c.req.valid("param").id), 200),
  );
}
