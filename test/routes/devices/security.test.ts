import { api } from "../../support/api";
import type { Session } from "../../support/harness";
import { runCommonRouteTests } from "../../support/security-suite";

const body = { name: "AP Melati", type: "ap", ipAddress: "10.1.0.1" };
async function makeDevice(_t: unknown, admin: Session): Promise<string> {
  return (await api<{ id: string }>("/api/v1/devices", { headers: admin.headers, body })).body.id;
}

runCommonRouteTests({ method: "GET", path: "/api/v1/devices", permission: "devices:read" });
runCommonRouteTests({ method: "POST", path: "/api/v1/devices", permission: "devices:write", body });
runCommonRouteTests({
  method: "GET",
  path: "/api/v1/devices/{id}",
  permission: "devices:read",
  makeResource: makeDevice,
});
runCommonRouteTests({
  method: "PATCH",
  path: "/api/v1/devices/{id}",
  permission: "devices:write",
  body: { name: "AP Mawar" },
  makeResource: makeDevice,
});
runCommonRouteTests({
  method: "DELETE",
  path: "/api/v1/devices/{id}",
  permission: "devices:write",
  makeResource: makeDevice,
});
