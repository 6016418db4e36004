import type { AppContext } from "../../env";
import { gatewayClient } from "../../services/connectors/gateway";
import { gatewayConnectorSockets, type TenantDeps } from "../../services/tenants/connector-sockets";
import type { PlatformContext } from "../../services/tenants/platform-context";
import { sessionDeps } from "../context";
import { clientInfo } from "../shared";

/** The platform operator's service context: the privileged database path, never a tenant's. */
export function platformContext(c: AppContext): PlatformContext {
  return {
    db: c.get("dbs").system(),
    actor: { type: "platform" },
    requestId: c.get("requestId"),
    ...clientInfo(c.req),
  };
}

/** The live connections a tenant's deactivation or deletion ends: its users' and its connectors'. */
export function tenantDeps(c: AppContext): TenantDeps {
  return {
    ...sessionDeps(c),
    connectors: gatewayConnectorSockets(gatewayClient(c.env?.CONNECTOR_GATEWAY), c.get("log")),
  };
}
