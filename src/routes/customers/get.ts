import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { getCustomer } from "../../services/customers/get";
import { serviceContext } from "../context";
import { jsonContent } from "../shared";
import { tenantRoute } from "../tenant-route";
import { CustomerIdParams, CustomerSchema } from "./schema";

export const getCustomerRoute = tenantRoute({
  method: "get",
  path: "/{id}",
  tags: ["Customers"],
  summary: "Get a customer (deleted ones are 404)",
  permission: "customers:read",
  request: { params: CustomerIdParams },
  responses: { 200: jsonContent(CustomerSchema, "The customer"), ...openApiErrorResponses },
});

export function registerGetCustomer(app: AppOpenAPI) {
  app.openapi(getCustomerRoute, async (c) =>
    c.json(await getCustomer(serviceContext(c), c.req.valid("param").id), 200),
  );
}
