import { api } from "../../support/api";
import { seedCustomer, seedPlan } from "../../support/billing-seed";
import { testDb } from "../../support/db";
import type { Session, TestTenant } from "../../support/harness";
import { runCommonRouteTests } from "../../support/security-suite";

/** A customer billed for 2026-03; the suite puts its id into the path. */
async function makeInvoicedCustomer(t: TestTenant, admin: Session): Promise<string> {
  const { db, close } = testDb("system");
  const customer = await seedCustomer(db, t.id, (await seedPlan(db, t.id)).id).finally(close);
  await api("/api/v1/payments", {
    headers: admin.headers,
    body: { customerId: customer.id, amount: 150000, period: "2026-03" },
  });
  return customer.id;
}

runCommonRouteTests({
  method: "GET",
  path: "/api/v1/customers/{id}/invoices/2026-03",
  permission: "payments:read",
  makeResource: makeInvoicedCustomer,
});
