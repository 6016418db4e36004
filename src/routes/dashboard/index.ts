import { createTenantRouter } from "../../app";
import { registerGetDashboardStats } from "./get-stats";

/** `/api/v1/dashboard`: the operator's at-a-glance figures. */
export function dashboardRouter() {
  const app = createTenantRouter();
  registerGetDashboardStats(app);
  return app;
}
