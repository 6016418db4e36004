import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { updatePaymentStatus } from "../../services/payments/update-status";
import { serviceContext } from "../context";
import { jsonBody, jsonContent } from "../shared";
import { tenantRoute } from "../tenant-route";
import { PaymentIdParams, PaymentSchema, UpdatePaymentStatusBody } from "./schema";

export const updatePaymentStatusRoute = tenantRoute({
  method: "patch",
  path: "/{id}/status",
  tags: ["Payments"],
  summary: "Change a payment's status (pending → paid|overdue|cancelled, overdue → paid|cancelled; else 409)",
  permission: "payments:write",
  request: { params: PaymentIdParams, body: jsonBody(UpdatePaymentStatusBody) },
  responses: { 200: jsonContent(PaymentSchema, "The updated payment"), ...openApiErrorResponses },
});

export function registerUpdatePaymentStatus(app: AppOpenAPI) {
  app.openapi(updatePaymentStatusRoute, async (c) =>
    c.json(await updatePaymentStatus(serviceContext(c), c.req.valid("param").id, c.req.valid("json")), 200),
  );
}
