import { createTenantRouter } from "../../app";
import { registerCreatePayment } from "./create";
import { registerGetPayment } from "./get";
import { registerListPayments } from "./list";
import { registerUpdatePaymentStatus } from "./update-status";

/** `/api/v1/payments`: invoices and their settlement. */
export function paymentsRouter() {
  const app = createTenantRouter();
  registerCreatePayment(app);
  registerListPayments(app);
  registerGetPayment(app);
  registerUpdatePaymentStatus(app);
  return app;
}
