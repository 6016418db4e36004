import { createTenantRouter } from "../../app";
import { registerCreateCustomer } from "./create";
import { registerDeleteCustomer } from "./delete";
import { registerGetCustomer } from "./get";
import { registerListCustomers } from "./list";
import { registerCustomerStats } from "./stats";
import { registerUpdateCustomerStatus } from "./status";
import { registerUpdateCustomer } from "./update";

/** `/api/v1/customers`: subscribers. `/stats` is registered before `/{id}` so it is not taken for an id. */
export function customersRouter() {
  const app = createTenantRouter();
  registerCustomerStats(app);
  registerListCustomers(app);
  registerCreateCustomer(app);
  registerGetCustomer(app);
  registerUpdateCustomer(app);
  registerUpdateCustomerStatus(app);
  registerDeleteCustomer(app);
  return app;
}
