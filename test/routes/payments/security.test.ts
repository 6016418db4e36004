import { api } from "../../support/api";
import { seedCustomer, seedPlan } from "../../support/billing-seed";
import { testDb } from "../../support/db";
import type { Session, TestTenant } from "../../support/harness";
import { runCommonRouteTests } from "../../support/security-suite";

/** A pending payment of a customer seeded straight into the tenant. */
async function makePayment(t: TestTenant, admin: Session): Promise<string> {
  const { db, close } = testDb("system");
  const customer = await seedCustomer(db, t.id, (await seedPlan(db, t.id)).id).finally(close);
  const res = await api<{ id: string }>("/api/v1/payments", {
    headers: admin.headers,
    body: { customerId: customer.id, amount: 150000 },
  });
  return res.body.id;
}
const payment = { makeResource: makePayment };

runCommonRouteTests({ method: "GET", path: "/api/v1/payments", permission: "payments:read" });
runCommonRouteTests({
  method: "POST",
  path: "/api/v1/payments",
  permission: "payments:write",
  body: { customerId: crypto.randomUUID(), amount: 150000 },
});
runCommonRouteTests({ method: "GET", path: "/api/v1/payments/{id}", permission: "payments:read", ...payment });
runCommonRouteTests({
  method: "PATCH",
  path: "/api/v1/payments/{id}/status",
  permission: "payments:write",
  body: { status: "paid" },
  ...payment,
});
