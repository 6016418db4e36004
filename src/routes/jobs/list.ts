import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { listJobs } from "../../services/jobs/list";
import { serviceContext } from "../context";
import { jsonContent } from "../shared";
import { tenantRoute } from "../tenant-route";
import { JobListSchema, ListJobsQuery } from "./schema";

export const listJobsRoute = tenantRoute({
  method: "get",
  path: "/",
  tags: ["Jobs"],
  summary: "List long-running jobs (backups, billing runs) with their progress",
  permission: "jobs:read",
  request: { query: ListJobsQuery },
  responses: { 200: jsonContent(JobListSchema, "A page of jobs, newest first"), ...openApiErrorResponses },
});

export function registerListJobs(app: AppOpenAPI) {
  app.openapi(listJobsRoute, async (c) => c.json(await listJobs(serviceContext(c), c.req.valid("query")), 200));
}
