import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { listFailedJobs } from "../../services/jobs/list";
import { serviceContext } from "../context";
import { jsonContent } from "../shared";
import { tenantRoute } from "../tenant-route";
import { FailedJobListSchema, ListFailedJobsQuery } from "./schema";

export const listFailedJobsRoute = tenantRoute({
  method: "get",
  path: "/failed",
  tags: ["Jobs"],
  summary: "List jobs that failed for good (dead letters), with their error",
  permission: "jobs:read",
  request: { query: ListFailedJobsQuery },
  responses: {
    200: jsonContent(FailedJobListSchema, "A page of failed jobs, most recent first"),
    ...openApiErrorResponses,
  },
});

export function registerListFailedJobs(app: AppOpenAPI) {
  app.openapi(listFailedJobsRoute, async (c) =>
    c.json(await listFailedJobs(serviceContext(c), c.req.valid("query")), 200),
  );
}
