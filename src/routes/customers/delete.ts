import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { deleteCustomer } from "../../services/customers/remove";
import { serviceContext } from "../context";
import { tenantRoute } from "../tenant-route";
import { CustomerIdParams } from "./schema";

export const deleteCustomerRoute = tenantRoute({
  method: "delete",
  path: "/{id}",
  tags: ["Customers"],
  summary: "Delete a customer (soft: history stays, the customer leaves lists and stats)",
  permission: "customers:write",
  request: { params: CustomerIdParams },
  responses: { 204: { description: "Deleted" }, ...openApiErrorResponses },
});

export function registerDeleteCustomer(app: AppOpenAPI) {
  app.openapi(deleteCustomerRoute, async (c) => {
    await deleteCustomer(serviceContext(c), c.req.valid("param").id);
    return c.body(null, 204);
  });
}
