import type { TestTenant } from "../../support/harness";
import { runCommonRouteTests } from "../../support/security-suite";
import { seedFailedJob, seedJob } from "./fixtures";

runCommonRouteTests({ method: "GET", path: "/api/v1/jobs", permission: "jobs:read" });
runCommonRouteTests({
  method: "GET",
  path: "/api/v1/jobs/{id}",
  permission: "jobs:read",
  makeResource: (t: TestTenant) => seedJob(t.id),
});
runCommonRouteTests({ method: "GET", path: "/api/v1/jobs/failed", permission: "jobs:read" });
runCommonRouteTests({
  method: "POST",
  path: "/api/v1/jobs/failed/{id}/retry",
  permission: "jobs:write",
  makeResource: (t: TestTenant) => seedFailedJob(t.id),
});
