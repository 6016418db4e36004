import type { AppContext } from "../env";
import { secretBox } from "../lib/secrets";
import type { ServiceContext } from "../services/context";
import { clientInfo } from "./shared";

/** The service context of an authenticated tenant request. */
export function serviceContext(c: AppContext): ServiceContext {
  return {
    tenant: c.get("tenant"),
    actor: c.get("actor"),
    db: c.get("dbs").app(),
    events: c.get("events"),
    secrets: secretBox(c.get("config").ENCRYPTION_KEY),
    requestId: c.get("requestId"),
    ...clientInfo(c.req),
  };
}
