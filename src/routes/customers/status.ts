import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { updateCustomerStatus } from "../../services/customers/status";
import { serviceContext } from "../context";
import { jsonBody, jsonContent } from "../shared";
import { tenantRoute } from "../tenant-route";
import { CustomerIdParams, CustomerSchema, UpdateCustomerStatusBody } from "./schema";

export const updateCustomerStatusRoute = tenantRoute({
  method: "patch",
  path: "/{id}/status",
  tags: ["Customers"],
  summary: "Suspend, reinstate or terminate (active ↔ suspended, either → terminated; else 409)",
  permission: "customers:write",
  request: { params: CustomerIdParams, body: jsonBody(UpdateCustomerStatusBody) },
  responses: { 200: jsonContent(CustomerSchema, "The customer"), ...openApiErrorResponses },
});

export function registerUpdateCustomerStatus(app: AppOpenAPI) {
  app.openapi(updateCustomerStatusRoute, async (c) =>
    c.json(await updateCustomerStatus(serviceContext(c), c.req.valid("param").id, c.req.valid("json")), 200),
  );
}
