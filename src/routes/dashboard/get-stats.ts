import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { edgeStatsCache } from "../../services/dashboard/cache";
import { getDashboardStats } from "../../services/dashboard/stats";
import { serviceContext } from "../context";
import { jsonContent } from "../shared";
import { tenantRoute } from "../tenant-route";
import { DashboardStatsSchema } from "./schema";

export const getDashboardStatsRoute = tenantRoute({
  method: "get",
  path: "/stats",
  tags: ["Dashboard"],
  summary: "Customers, revenue and growth, open tickets, bandwidth usage, low stock (cached 5 minutes)",
  permission: "dashboard:read",
  responses: { 200: jsonContent(DashboardStatsSchema, "The tenant's dashboard figures"), ...openApiErrorResponses },
});

export function registerGetDashboardStats(app: AppOpenAPI) {
  app.openapi(getDashboardStatsRoute, async (c) =>
    c.json(await getDashboardStats(serviceContext(c), { cache: edgeStatsCache() }), 200),
  );
}
