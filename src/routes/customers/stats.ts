import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { getCustomerStats } from "../../services/customers/stats";
import { serviceContext } from "../context";
import { jsonContent } from "../shared";
import { tenantRoute } from "../tenant-route";
import { CustomerStatsSchema } from "./schema";

export const customerStatsRoute = tenantRoute({
  method: "get",
  path: "/stats",
  tags: ["Customers"],
  summary: "Live customers per status",
  permission: "customers:read",
  responses: { 200: jsonContent(CustomerStatsSchema, "Counts that add up to the total"), ...openApiErrorResponses },
});

export function registerCustomerStats(app: AppOpenAPI) {
  app.openapi(customerStatsRoute, async (c) => c.json(await getCustomerStats(serviceContext(c)), 200));
}
