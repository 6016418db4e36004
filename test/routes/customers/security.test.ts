import type { Session } from "../../support/harness";
import { runCommonRouteTests } from "../../support/security-suite";
import { createPlan } from "../service-plans/fixtures";
import { createCustomer } from "./fixtures";

/** The plan id is only read after the checks the suite makes (token, role, strict body). */
const body = {
  name: "Siti Aminah",
  phone: "081234567890",
  address: "Jl. Mawar No. 12",
  servicePlanId: "00000000-0000-4000-8000-000000000000",
};
async function makeCustomer(_t: unknown, admin: Session): Promise<string> {
  const plan = await createPlan(admin.headers);
  return (await createCustomer(admin.headers, plan.id)).id;
}

runCommonRouteTests({ method: "GET", path: "/api/v1/customers", permission: "customers:read" });
runCommonRouteTests({ method: "GET", path: "/api/v1/customers/stats", permission: "customers:read" });
runCommonRouteTests({ method: "POST", path: "/api/v1/customers", permission: "customers:write", body });
runCommonRouteTests({
  method: "GET",
  path: "/api/v1/customers/{id}",
  permission: "customers:read",
  makeResource: makeCustomer,
});
runCommonRouteTests({
  method: "PATCH",
  path: "/api/v1/customers/{id}",
  permission: "customers:write",
  body: { notes: "Pindah rumah" },
  makeResource: makeCustomer,
});
runCommonRouteTests({
  method: "PATCH",
  path: "/api/v1/customers/{id}/status",
  permission: "customers:write",
  body: { status: "suspended", reason: "Belum bayar" },
  makeResource: makeCustomer,
});
runCommonRouteTests({
  method: "DELETE",
  path: "/api/v1/customers/{id}",
  permission: "customers:write",
  makeResource: makeCustomer,
});
