import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { createConnector } from "../../services/connectors/create";
import { serviceContext } from "../context";
import { jsonBody, jsonContent } from "../shared";
import { tenantRoute } from "../tenant-route";
import { ConnectorEnrollmentSchema, CreateConnectorBody } from "./schema";

export const createConnectorRoute = tenantRoute({
  method: "post",
  path: "/",
  tags: ["Connectors"],
  summary: "Register a connector and get its one-time enrollment token (24 h)",
  permission: "connectors:write",
  request: { body: jsonBody(CreateConnectorBody) },
  responses: {
    201: jsonContent(ConnectorEnrollmentSchema, "The connector and its enrollment token"),
    ...openApiErrorResponses,
  },
});

export function registerCreateConnector(app: AppOpenAPI) {
  app.openapi(createConnectorRoute, async (c) => {
    const { connector, enrollmentToken } = await createConnector(serviceContext(c), c.req.valid("json"));
    return c.json({ id: connector.id, enrollment_token: enrollmentToken, connector }, 201);
  });
}
