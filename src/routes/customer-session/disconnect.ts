import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { gatewayClient } from "../../services/connectors/gateway";
import { disconnectCustomerSession } from "../../services/connectors/session";
import { serviceContext } from "../context";
import { jsonContent } from "../shared";
import { tenantRoute } from "../tenant-route";
import { CustomerIdParams, SessionDisconnectSchema } from "./schema";

export const disconnectCustomerSessionRoute = tenantRoute({
  method: "post",
  path: "/disconnect",
  tags: ["Customers"],
  summary: "Drop the customer's PPPoE session through the connector (the CPE redials at once)",
  permission: "customers:write",
  request: { params: CustomerIdParams },
  responses: { 200: jsonContent(SessionDisconnectSchema, "How many sessions were dropped"), ...openApiErrorResponses },
});

export function registerDisconnectCustomerSession(app: AppOpenAPI) {
  app.openapi(disconnectCustomerSessionRoute, async (c) => {
    const gateway = gatewayClient(c.env.CONNECTOR_GATEWAY);
    return c.json(await disconnectCustomerSession(serviceContext(c), gateway, c.req.valid("param").id), 200);
  });
}
