import { api } from "../../support/api";
import type { Session } from "../../support/harness";
import { runCommonRouteTests } from "../../support/security-suite";
import { planName } from "./fixtures";

const body = { name: "Paket Keamanan", speedDownloadMbps: 20, speedUploadMbps: 10, price: 200_000 };
async function makePlan(_t: unknown, admin: Session): Promise<string> {
  return (
    await api<{ id: string }>("/api/v1/service-plans", { headers: admin.headers, body: { ...body, name: planName() } })
  ).body.id;
}

runCommonRouteTests({ method: "GET", path: "/api/v1/service-plans", permission: "plans:read" });
runCommonRouteTests({ method: "POST", path: "/api/v1/service-plans", permission: "plans:write", body });
runCommonRouteTests({
  method: "GET",
  path: "/api/v1/service-plans/{id}",
  permission: "plans:read",
  makeResource: makePlan,
});
runCommonRouteTests({
  method: "PATCH",
  path: "/api/v1/service-plans/{id}",
  permission: "plans:write",
  body: { price: 250_000 },
  makeResource: makePlan,
});
runCommonRouteTests({
  method: "DELETE",
  path: "/api/v1/service-plans/{id}",
  permission: "plans:write",
  makeResource: makePlan,
});
runCommonRouteTests({
  method: "GET",
  path: "/api/v1/service-plans/{id}/advanced-settings",
  permission: "plans:read",
  makeResource: makePlan,
});
runCommonRouteTests({
  method: "PUT",
  path: "/api/v1/service-plans/{id}/advanced-settings",
  permission: "plans:write",
  body: { burstEnabled: false, priority: 8 },
  makeResource: makePlan,
});
