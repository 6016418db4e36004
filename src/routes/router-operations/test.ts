import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { gatewayClient } from "../../services/connectors/gateway";
import { testRouterConnection } from "../../services/connectors/test-router";
import { serviceContext } from "../context";
import { jsonContent } from "../shared";
import { tenantRoute } from "../tenant-route";
import { RouterIdParams, RouterTestSchema } from "./schema";

export const testRouterRoute = tenantRoute({
  method: "post",
  path: "/test",
  tags: ["Routers"],
  summary: "Test a router through its connector: reachable, API login, RouterOS version, identity",
  description: "409 when the router has no connector; 503 when the connector is offline or does not answer.",
  permission: "routers:write",
  request: { params: RouterIdParams },
  responses: { 200: jsonContent(RouterTestSchema, "What the test found"), ...openApiErrorResponses },
});

export function registerTestRouter(app: AppOpenAPI) {
  app.openapi(testRouterRoute, async (c) => {
    const gateway = gatewayClient(c.env.CONNECTOR_GATEWAY);
    return c.json(await testRouterConnection(serviceContext(c), gateway, c.req.valid("param").id), 200);
  });
}
