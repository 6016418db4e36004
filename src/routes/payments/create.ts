import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { createPayment } from "../../services/payments/create";
import { serviceContext } from "../context";
import { jsonBody, jsonContent } from "../shared";
import { tenantRoute } from "../tenant-route";
import { CreatePaymentBody, PaymentSchema } from "./schema";

export const createPaymentRoute = tenantRoute({
  method: "post",
  path: "/",
  tags: ["Payments"],
  summary: "Record a payment: paid when paymentDate is given, else pending; due date from the billing day",
  permission: "payments:write",
  request: { body: jsonBody(CreatePaymentBody) },
  responses: { 201: jsonContent(PaymentSchema, "The payment"), ...openApiErrorResponses },
});

export function registerCreatePayment(app: AppOpenAPI) {
  app.openapi(createPaymentRoute, async (c) =>
    c.json(await createPayment(serviceContext(c), c.req.valid("json")), 201),
  );
}
