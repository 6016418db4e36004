import { api } from "../../support/api";
import type { Session, TestTenant } from "../../support/harness";
import { runCommonRouteTests } from "../../support/security-suite";

async function makeConnector(_t: TestTenant, admin: Session): Promise<string> {
  return (await api<{ id: string }>("/api/v1/connectors", { headers: admin.headers, body: { name: "Mini PC" } })).body
    .id;
}

/** A customer on a router (without a connector: the security checks all come before the router is asked). */
async function makeCustomer(_t: TestTenant, admin: Session): Promise<string> {
  const h = admin.headers;
  const plan = await api<{ id: string }>("/api/v1/service-plans", {
    headers: h,
    body: { name: "Paket", speedDownloadMbps: 10, speedUploadMbps: 5, price: 100_000 },
  });
  const router = await api<{ id: string }>("/api/v1/routers", {
    headers: h,
    body: { name: "CCR", host: "10.0.0.1", username: "api", password: "pw-123456" },
  });
  const c = await api<{ id: string }>("/api/v1/customers", {
    headers: h,
    body: {
      name: "Siti",
      phone: "081234567890",
      address: "Jl. Melati",
      servicePlanId: plan.body.id,
      routerId: router.body.id,
    },
  });
  return c.body.id;
}

async function makeRouter(_t: TestTenant, admin: Session): Promise<string> {
  const body = { name: "CCR", host: "10.0.0.1", username: "api", password: "pw-123456" };
  return (await api<{ id: string }>("/api/v1/routers", { headers: admin.headers, body })).body.id;
}

runCommonRouteTests({ method: "GET", path: "/api/v1/connectors", permission: "connectors:read" });
runCommonRouteTests({
  method: "POST",
  path: "/api/v1/connectors",
  permission: "connectors:write",
  body: { name: "PC" },
});
runCommonRouteTests({
  method: "GET",
  path: "/api/v1/connectors/{id}",
  permission: "connectors:read",
  makeResource: makeConnector,
});
for (const verb of ["revoke", "rotate"]) {
  runCommonRouteTests({
    method: "POST",
    path: `/api/v1/connectors/{id}/${verb}`,
    permission: "connectors:write",
    makeResource: makeConnector,
  });
}
runCommonRouteTests({
  method: "GET",
  path: "/api/v1/customers/{id}/session",
  permission: "customers:read",
  makeResource: makeCustomer,
});
runCommonRouteTests({
  method: "POST",
  path: "/api/v1/customers/{id}/session/disconnect",
  permission: "customers:write",
  makeResource: makeCustomer,
});
runCommonRouteTests({
  method: "POST",
  path: "/api/v1/routers/{id}/test",
  permission: "routers:write",
  makeResource: makeRouter,
});
runCommonRouteTests({
  method: "POST",
  path: "/api/v1/routers/{id}/reconcile?dry_run=true",
  permission: "routers:write",
  makeResource: makeRouter,
});
