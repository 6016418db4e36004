import type { Session } from "../../support/harness";
import { runCommonRouteTests } from "../../support/security-suite";
import { createCustomer } from "../customers/fixtures";
import { createPlan } from "../service-plans/fixtures";
import { requestBoost } from "./fixtures";

const MISSING = "00000000-0000-4000-8000-000000000000";

/** A pending boost of a fresh customer to a faster plan, in the admin's tenant. */
async function makeBoost(_t: unknown, admin: Session): Promise<string> {
  const base = await createPlan(admin.headers, { speedDownloadMbps: 10 });
  const fast = await createPlan(admin.headers, { speedDownloadMbps: 50 });
  const customer = await createCustomer(admin.headers, base.id);
  return (await requestBoost(admin.headers, customer.id, fast.id)).id;
}

runCommonRouteTests({ method: "GET", path: "/api/v1/speed-boosts", permission: "speed_boosts:read" });
runCommonRouteTests({
  method: "POST",
  path: "/api/v1/speed-boosts",
  permission: "speed_boosts:write",
  body: { customerId: MISSING, boostPlanId: MISSING, durationDays: 7 },
});
runCommonRouteTests({
  method: "GET",
  path: "/api/v1/speed-boosts/{id}",
  permission: "speed_boosts:read",
  makeResource: makeBoost,
});
runCommonRouteTests({
  method: "POST",
  path: "/api/v1/speed-boosts/{id}/approve",
  permission: "speed_boosts:write",
  makeResource: makeBoost,
});
runCommonRouteTests({
  method: "POST",
  path: "/api/v1/speed-boosts/{id}/reject",
  permission: "speed_boosts:write",
  body: { reason: "Kapasitas penuh" },
  makeResource: makeBoost,
});
