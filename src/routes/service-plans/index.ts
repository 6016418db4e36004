import { createTenantRouter } from "../../app";
import { registerAdvancedSettings } from "./advanced-settings";
import { registerCreatePlan } from "./create";
import { registerDeletePlan } from "./delete";
import { registerGetPlan } from "./get";
import { registerListPlans } from "./list";
import { registerUpdatePlan } from "./update";

/** `/api/v1/service-plans`: the internet packages a tenant sells, and their MikroTik tuning. */
export function servicePlansRouter() {
  const app = createTenantRouter();
  registerListPlans(app);
  registerCreatePlan(app);
  registerGetPlan(app);
  registerUpdatePlan(app);
  registerDeletePlan(app);
  registerAdvancedSettings(app);
  return app;
}
