import { runCommonRouteTests } from "../../support/security-suite";

runCommonRouteTests({ method: "GET", path: "/api/v1/dashboard/stats", permission: "dashboard:read" });
