import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { listCustomers } from "../../services/customers/list";
import { serviceContext } from "../context";
import { jsonContent } from "../shared";
import { tenantRoute } from "../tenant-route";
import { CustomerListSchema, ListCustomersQuery } from "./schema";

export const listCustomersRoute = tenantRoute({
  method: "get",
  path: "/",
  tags: ["Customers"],
  summary: "List customers (newest first) with search and filters",
  permission: "customers:read",
  request: { query: ListCustomersQuery },
  responses: { 200: jsonContent(CustomerListSchema, "A page of customers"), ...openApiErrorResponses },
});

export function registerListCustomers(app: AppOpenAPI) {
  app.openapi(listCustomersRoute, async (c) =>
    c.json(await listCustomers(serviceContext(c), c.req.valid("query")), 200),
  );
}
