import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { revokeConnector, rotateConnector } from "../../services/connectors/credentials";
import { gatewayClient } from "../../services/connectors/gateway";
import { serviceContext } from "../context";
import { jsonContent } from "../shared";
import { tenantRoute } from "../tenant-route";
import { ConnectorEnrollmentSchema, ConnectorIdParams, ConnectorSchema } from "./schema";

export const revokeConnectorRoute = tenantRoute({
  method: "post",
  path: "/{id}/revoke",
  tags: ["Connectors"],
  summary: "Revoke a connector: disconnected at once and refused from then on (409 if already revoked)",
  permission: "connectors:write",
  request: { params: ConnectorIdParams },
  responses: { 200: jsonContent(ConnectorSchema, "The revoked connector"), ...openApiErrorResponses },
});

export const rotateConnectorRoute = tenantRoute({
  method: "post",
  path: "/{id}/rotate",
  tags: ["Connectors"],
  summary: "New enrollment token; the current secret stops working at once (409 if revoked)",
  permission: "connectors:write",
  request: { params: ConnectorIdParams },
  responses: { 200: jsonContent(ConnectorEnrollmentSchema, "The new enrollment token"), ...openApiErrorResponses },
});

export function registerConnectorCredentials(app: AppOpenAPI) {
  app.openapi(revokeConnectorRoute, async (c) => {
    const gateway = gatewayClient(c.env.CONNECTOR_GATEWAY);
    return c.json(await revokeConnector(serviceContext(c), gateway, c.req.valid("param").id), 200);
  });
  app.openapi(rotateConnectorRoute, async (c) => {
    const gateway = gatewayClient(c.env.CONNECTOR_GATEWAY);
    const { connector, enrollmentToken } = await rotateConnector(serviceContext(c), gateway, c.req.valid("param").id);
    return c.json({ id: connector.id, enrollment_token: enrollmentToken, connector }, 200);
  });
}
