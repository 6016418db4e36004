import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { createCustomer } from "../../services/customers/create";
import { serviceContext } from "../context";
import { jsonBody, jsonContent } from "../shared";
import { tenantRoute } from "../tenant-route";
import { CreateCustomerBody, CustomerSchema } from "./schema";

export const createCustomerRoute = tenantRoute({
  method: "post",
  path: "/",
  tags: ["Customers"],
  summary: "Sign a customer up (code, PPPoE username and password generated when omitted)",
  permission: "customers:write",
  request: { body: jsonBody(CreateCustomerBody) },
  responses: { 201: jsonContent(CustomerSchema, "The created customer"), ...openApiErrorResponses },
});

export function registerCreateCustomer(app: AppOpenAPI) {
  app.openapi(createCustomerRoute, async (c) =>
    c.json(await createCustomer(serviceContext(c), c.req.valid("json")), 201),
  );
}
