import { createTenantRouter } from "../../app";
import { registerGetInvoice } from "./get";

/**
 * `/api/v1/customers/{id}/invoices`: a router of its own (not part of the customers router), so
 * billing owns its routes. Mounted at a path with a parameter; Hono merges both routers into one
 * route table, where `/customers/:id/invoices/:period` never collides with `/customers/:id`.
 */
export function invoicesRouter() {
  const app = createTenantRouter();
  registerGetInvoice(app);
  return app;
}
