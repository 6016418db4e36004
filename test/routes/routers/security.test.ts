import { api } from "../../support/api";
import type { Session } from "../../support/harness";
import { runCommonRouteTests } from "../../support/security-suite";

const body = { name: "CCR Pusat", host: "10.10.0.1", username: "api", password: "pw-123456" };
async function makeRouter(_t: unknown, admin: Session): Promise<string> {
  return (await api<{ id: string }>("/api/v1/routers", { headers: admin.headers, body })).body.id;
}

runCommonRouteTests({ method: "GET", path: "/api/v1/routers", permission: "routers:read" });
runCommonRouteTests({ method: "POST", path: "/api/v1/routers", permission: "routers:write", body });
runCommonRouteTests({
  method: "GET",
  path: "/api/v1/routers/{id}",
  permission: "routers:read",
  makeResource: makeRouter,
});
runCommonRouteTests({
  method: "PATCH",
  path: "/api/v1/routers/{id}",
  permission: "routers:write",
  body: { isActive: false },
  makeResource: makeRouter,
});
runCommonRouteTests({
  method: "DELETE",
  path: "/api/v1/routers/{id}",
  permission: "routers:write",
  makeResource: makeRouter,
});
