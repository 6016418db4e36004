import { createTenantRouter } from "../../app";
import { registerCreateConnector } from "./create";
import { registerConnectorCredentials } from "./credentials";
import { registerGetConnector } from "./get";
import { registerListConnectors } from "./list";

export { connectorConnectRouter } from "./connect";

/** `/api/v1/connectors`: the tenant's on-premises connectors (admin only). */
export function connectorsRouter() {
  const app = createTenantRouter();
  registerListConnectors(app);
  registerCreateConnector(app);
  registerGetConnector(app);
  registerConnectorCredentials(app);
  return app;
}
