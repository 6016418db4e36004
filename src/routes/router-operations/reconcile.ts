import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { gatewayClient } from "../../services/connectors/gateway";
import { reconcileRouter } from "../../services/reconcile/reconcile";
import { serviceContext } from "../context";
import { jsonContent } from "../shared";
import { tenantRoute } from "../tenant-route";
import { ReconcileQuery, ReconcileReportSchema, RouterIdParams } from "./schema";

export const reconcileRouterRoute = tenantRoute({
  method: "post",
  path: "/reconcile",
  tags: ["Routers"],
  summary: "Compare the router with the database and report the drift; without dry_run=true, fix it",
  description:
    "Secrets present, enabled/disabled and on the right profile; orphans carrying our comment tag; profiles' rate " +
    "limits; suspended customers still online. Fixes go through the connector's outbox. 503 when the connector " +
    "or the router cannot be reached.",
  permission: "routers:write",
  request: { params: RouterIdParams, query: ReconcileQuery },
  responses: {
    200: jsonContent(ReconcileReportSchema, "The drift found (and fixes queued)"),
    ...openApiErrorResponses,
  },
});

export function registerReconcileRouter(app: AppOpenAPI) {
  app.openapi(reconcileRouterRoute, async (c) => {
    const gateway = gatewayClient(c.env.CONNECTOR_GATEWAY);
    const dryRun = c.req.valid("query").dry_run === "true";
    return c.json(await reconcileRouter(serviceContext(c), gateway, c.req.valid("param").id, { dryRun }), 200);
  });
}
