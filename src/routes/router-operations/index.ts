import { createTenantRouter } from "../../app";
import { registerReconcileRouter } from "./reconcile";
import { registerTestRouter } from "./test";

/**
 * `/api/v1/routers/{id}/test` and `/reconcile`: operations that go through the router's connector.
 * A router of its own at `/routers/:id` (the routers router defines no `/{id}/test`), so the two
 * never compete for a request.
 */
export function routerOperationsRouter() {
  const app = createTenantRouter();
  registerTestRouter(app);
  registerReconcileRouter(app);
  return app;
}
