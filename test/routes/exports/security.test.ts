import { runCommonRouteTests } from "../../support/security-suite";

for (const entity of ["customers", "payments", "tickets", "infrastructure-items"]) {
  runCommonRouteTests({ method: "GET", path: `/api/v1/exports/${entity}.csv`, permission: "exports:read" });
}
runCommonRouteTests({ method: "GET", path: "/api/v1/exports/audit-logs.csv", permission: "audit_logs:read" });
