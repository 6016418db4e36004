import { createTenantRouter } from "../../../app";
import { registerGetSmtpSettings } from "./get";
import { registerPutSmtpSettings } from "./put";

/** `/api/v1/settings/smtp`: the tenant's mail server (admins). */
export function smtpSettingsRouter() {
  const app = createTenantRouter();
  registerGetSmtpSettings(app);
  registerPutSmtpSettings(app);
  return app;
}
