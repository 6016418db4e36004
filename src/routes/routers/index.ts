import { createTenantRouter } from "../../app";
import { registerCreateRouter } from "./create";
import { registerDeleteRouter } from "./delete";
import { registerGetRouter } from "./get";
import { registerListRouters } from "./list";
import { registerUpdateRouter } from "./update";

/** `/api/v1/routers`: the MikroTik routers that terminate the tenant's PPPoE sessions. */
export function mikrotikRoutersRouter() {
  const app = createTenantRouter();
  registerListRouters(app);
  registerCreateRouter(app);
  registerGetRouter(app);
  registerUpdateRouter(app);
  registerDeleteRouter(app);
  return app;
}
