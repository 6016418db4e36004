import { testDb } from "../../support/db";
import type { TestTenant } from "../../support/harness";
import { runCommonRouteTests } from "../../support/security-suite";
import { seedAlert } from "./fixtures";

async function makeAlert(t: TestTenant): Promise<string> {
  const { db, close } = testDb("system");
  return seedAlert(db, t.id).finally(close);
}

runCommonRouteTests({ method: "GET", path: "/api/v1/alerts", permission: "alerts:read" });
runCommonRouteTests({ method: "GET", path: "/api/v1/alerts/{id}", permission: "alerts:read", makeResource: makeAlert });
for (const verb of ["acknowledge", "resolve"]) {
  runCommonRouteTests({
    method: "POST",
    path: `/api/v1/alerts/{id}/${verb}`,
    permission: "alerts:write",
    makeResource: makeAlert,
  });
}
