import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { getPayment } from "../../services/payments/get";
import { serviceContext } from "../context";
import { jsonContent } from "../shared";
import { tenantRoute } from "../tenant-route";
import { PaymentIdParams, PaymentSchema } from "./schema";

export const getPaymentRoute = tenantRoute({
  method: "get",
  path: "/{id}",
  tags: ["Payments"],
  summary: "Get a payment",
  permission: "payments:read",
  request: { params: PaymentIdParams },
  responses: { 200: jsonContent(PaymentSchema, "The payment"), ...openApiErrorResponses },
});

export function registerGetPayment(app: AppOpenAPI) {
  app.openapi(getPaymentRoute, async (c) => c.json(await getPayment(serviceContext(c), c.req.valid("param").id), 200));
}
