import { createRouter } from "../../../app";
import { platformAuth } from "../../../middleware/platform-auth";
import { registerCreateTenant } from "./create";
import { registerDeleteTenant } from "./delete";
import { registerGetTenant } from "./get";
import { registerListTenants } from "./list";
import { registerUpdateTenant } from "./update";

/** `/api/v1/platform/tenants`: the platform operator's tenant administration. */
export function platformTenantsRouter() {
  const app = createRouter();
  app.use("*", platformAuth());
  registerCreateTenant(app);
  registerListTenants(app);
  registerGetTenant(app);
  registerUpdateTenant(app);
  registerDeleteTenant(app);
  return app;
}
