import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { getCustomerUsage } from "../../services/monitoring/customer-usage";
import { serviceContext } from "../context";
import { jsonContent } from "../shared";
import { tenantRoute } from "../tenant-route";
import { CustomerIdParams, CustomerUsageSchema, UsageQuery } from "./schema";

export const getCustomerUsageRoute = tenantRoute({
  method: "get",
  path: "/customers/{id}",
  tags: ["Monitoring"],
  summary: "A customer's bandwidth over 1h, 24h, 7d or 30d: totals and a series",
  permission: "monitoring:read",
  request: { params: CustomerIdParams, query: UsageQuery },
  responses: { 200: jsonContent(CustomerUsageSchema, "Traffic in the window"), ...openApiErrorResponses },
});

export function registerGetCustomerUsage(app: AppOpenAPI) {
  app.openapi(getCustomerUsageRoute, async (c) => {
    const { period } = c.req.valid("query");
    return c.json(await getCustomerUsage(serviceContext(c), c.req.valid("param").id, period), 200);
  });
}
