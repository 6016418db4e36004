import { createTenantRouter } from "../../app";
import { registerListNotifications } from "./list";

/** `/api/v1/notifications`: the email delivery log (admins). */
export function notificationsRouter() {
  const app = createTenantRouter();
  registerListNotifications(app);
  return app;
}
