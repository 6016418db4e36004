import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { gatewayClient } from "../../services/connectors/gateway";
import { getCustomerSession } from "../../services/connectors/session";
import { serviceContext } from "../context";
import { jsonContent } from "../shared";
import { tenantRoute } from "../tenant-route";
import { CustomerIdParams, CustomerSessionSchema } from "./schema";

export const getCustomerSessionRoute = tenantRoute({
  method: "get",
  path: "/",
  tags: ["Customers"],
  summary: "The customer's active PPPoE session, asked of its router (409 without a router, 503 connector away)",
  permission: "customers:read",
  request: { params: CustomerIdParams },
  responses: { 200: jsonContent(CustomerSessionSchema, "The session, or online: false"), ...openApiErrorResponses },
});

export function registerGetCustomerSession(app: AppOpenAPI) {
  app.openapi(getCustomerSessionRoute, async (c) => {
    const gateway = gatewayClient(c.env.CONNECTOR_GATEWAY);
    return c.json(await getCustomerSession(serviceContext(c), gateway, c.req.valid("param").id), 200);
  });
}
