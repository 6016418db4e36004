import { api } from "../../support/api";
import { seedCustomer, seedPlan } from "../../support/billing-seed";
import { testDb } from "../../support/db";
import type { Session, TestTenant } from "../../support/harness";
import { runCommonRouteTests } from "../../support/security-suite";

/** A ticket of a customer seeded straight into the tenant (the customers API is another team's). */
async function makeTicket(t: TestTenant, admin: Session): Promise<string> {
  const { db, close } = testDb("system");
  const customer = await seedCustomer(db, t.id, (await seedPlan(db, t.id)).id).finally(close);
  const res = await api<{ id: string }>("/api/v1/tickets", {
    headers: admin.headers,
    body: { customerId: customer.id, title: "Internet mati", description: "LOS merah" },
  });
  return res.body.id;
}
const ticket = { makeResource: makeTicket };

runCommonRouteTests({ method: "GET", path: "/api/v1/tickets", permission: "tickets:read" });
runCommonRouteTests({
  method: "POST",
  path: "/api/v1/tickets",
  permission: "tickets:write",
  body: { customerId: crypto.randomUUID(), title: "Internet mati", description: "LOS merah" },
});
runCommonRouteTests({ method: "GET", path: "/api/v1/tickets/{id}", permission: "tickets:read", ...ticket });
runCommonRouteTests({
  method: "PATCH",
  path: "/api/v1/tickets/{id}",
  permission: "tickets:write",
  body: { priority: "high" },
  ...ticket,
});
runCommonRouteTests({
  method: "PATCH",
  path: "/api/v1/tickets/{id}/status",
  permission: "tickets:write",
  body: { status: "in_progress" },
  ...ticket,
});
runCommonRouteTests({
  method: "POST",
  path: "/api/v1/tickets/{id}/assign",
  permission: "tickets:write",
  body: { userId: null },
  ...ticket,
});
runCommonRouteTests({ method: "GET", path: "/api/v1/tickets/{id}/comments", permission: "tickets:read", ...ticket });
runCommonRouteTests({
  method: "POST",
  path: "/api/v1/tickets/{id}/comments",
  permission: "tickets:write",
  body: { body: "Teknisi menuju lokasi" },
  ...ticket,
});
