import type { AppContext } from "../env";
import { secretBox } from "../lib/secrets";
import type { ServiceContext } from "../services/context";
import { hubSessions, type SessionDeps } from "../services/events/hub-sessions";
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

/** The realtime sessions a user or tenant change ends (the tenant's hub, when the Worker has it). */
export function sessionDeps(c: AppContext): SessionDeps {
  return { sessions: hubSessions(c.env?.TENANT_HUB, c.get("log")) };
}
