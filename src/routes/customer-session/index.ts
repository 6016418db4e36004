import { createTenantRouter } from "../../app";
import { registerDisconnectCustomerSession } from "./disconnect";
import { registerGetCustomerSession } from "./get";

/**
 * `/api/v1/customers/{id}/session`: the customer's PPPoE session on its router. A router of its
 * own at that path (like the invoices one): the customers router defines no `/{id}/session`, so
 * the two never compete for a request.
 */
export function customerSessionRouter() {
  const app = createTenantRouter();
  registerGetCustomerSession(app);
  registerDisconnectCustomerSession(app);
  return app;
}
