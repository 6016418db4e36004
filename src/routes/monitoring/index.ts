import { createTenantRouter } from "../../app";
import { registerGetCustomerUsage } from "./customer";
import { registerGetNetworkOverview } from "./overview";
import { registerMonitoringSettings } from "./settings";

/** `/api/v1/monitoring`: bandwidth per customer, the network overview, alert thresholds. */
export function monitoringRouter() {
  const app = createTenantRouter();
  registerGetCustomerUsage(app);
  registerGetNetworkOverview(app);
  registerMonitoringSettings(app);
  return app;
}
