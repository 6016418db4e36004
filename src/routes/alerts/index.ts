import { createTenantRouter } from "../../app";
import { registerAlertActions } from "./acknowledge";
import { registerGetAlert } from "./get";
import { registerListAlerts } from "./list";

/** `/api/v1/alerts`: operational alerts (low stock now; monitoring and offline detection add theirs). */
export function alertsRouter() {
  const app = createTenantRouter();
  registerListAlerts(app);
  registerGetAlert(app);
  registerAlertActions(app);
  return app;
}
