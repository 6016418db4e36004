import { api } from "../../support/api";
import type { Session, TestTenant } from "../../support/harness";
import { runCommonRouteTests } from "../../support/security-suite";

async function makeCustomer(_t: TestTenant, admin: Session): Promise<string> {
  const plan = await api<{ id: string }>("/api/v1/service-plans", {
    headers: admin.headers,
    body: { name: "Paket", speedDownloadMbps: 10, speedUploadMbps: 5, price: 100_000 },
  });
  const c = await api<{ id: string }>("/api/v1/customers", {
    headers: admin.headers,
    body: { name: "Siti", phone: "081234567890", address: "Jl. Melati", servicePlanId: plan.body.id },
  });
  return c.body.id;
}

runCommonRouteTests({
  method: "GET",
  path: "/api/v1/monitoring/customers/{id}",
  permission: "monitoring:read",
  makeResource: makeCustomer,
});
runCommonRouteTests({ method: "GET", path: "/api/v1/monitoring/overview", permission: "monitoring:read" });
runCommonRouteTests({ method: "GET", path: "/api/v1/monitoring/settings", permission: "monitoring:read" });
runCommonRouteTests({
  method: "PUT",
  path: "/api/v1/monitoring/settings",
  permission: "monitoring:write",
  body: { usageAlertPercent: 80 },
});
