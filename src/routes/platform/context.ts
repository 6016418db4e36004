import type { AppContext } from "../../env";
import type { PlatformContext } from "../../services/tenants/platform-context";
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
