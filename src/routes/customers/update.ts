import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { updateCustomer } from "../../services/customers/update";
import { serviceContext } from "../context";
import { jsonBody, jsonContent } from "../shared";
import { tenantRoute } from "../tenant-route";
import { CustomerIdParams, CustomerSchema, UpdateCustomerBody } from "./schema";

export const updateCustomerRoute = tenantRoute({
  method: "patch",
  path: "/{id}",
  tags: ["Customers"],
  summary: "Update a customer (a plan change resets the fee to the plan's price unless one is sent)",
  permission: "customers:write",
  request: { params: CustomerIdParams, body: jsonBody(UpdateCustomerBody) },
  responses: { 200: jsonContent(CustomerSchema, "The updated customer"), ...openApiErrorResponses },
});

export function registerUpdateCustomer(app: AppOpenAPI) {
  app.openapi(updateCustomerRoute, async (c) =>
    c.json(await updateCustomer(serviceContext(c), c.req.valid("param").id, c.req.valid("json")), 200),
  );
}
