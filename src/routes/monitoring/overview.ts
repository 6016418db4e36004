import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { getNetworkOverview } from "../../services/monitoring/overview";
import { serviceContext } from "../context";
import { jsonContent } from "../shared";
import { tenantRoute } from "../tenant-route";
import { NetworkOverviewSchema } from "./schema";

export const getNetworkOverviewRoute = tenantRoute({
  method: "get",
  path: "/overview",
  tags: ["Monitoring"],
  summary: "The network at a glance: allocated bandwidth, current throughput, routers, connectors, alerts",
  permission: "monitoring:read",
  responses: { 200: jsonContent(NetworkOverviewSchema, "The overview"), ...openApiErrorResponses },
});

export function registerGetNetworkOverview(app: AppOpenAPI) {
  app.openapi(getNetworkOverviewRoute, async (c) => c.json(await getNetworkOverview(serviceContext(c)), 200));
}
