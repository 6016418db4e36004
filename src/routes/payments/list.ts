import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { listPayments } from "../../services/payments/list";
import { serviceContext } from "../context";
import { jsonContent } from "../shared";
import { tenantRoute } from "../tenant-route";
import { ListPaymentsQuery, PaymentListSchema } from "./schema";

export const listPaymentsRoute = tenantRoute({
  method: "get",
  path: "/",
  tags: ["Payments"],
  summary: "List payments (filters: status, customer, period, due-date range; search)",
  permission: "payments:read",
  request: { query: ListPaymentsQuery },
  responses: { 200: jsonContent(PaymentListSchema, "A page of payments"), ...openApiErrorResponses },
});

export function registerListPayments(app: AppOpenAPI) {
  app.openapi(listPaymentsRoute, async (c) => c.json(await listPayments(serviceContext(c), c.req.valid("query")), 200));
}
