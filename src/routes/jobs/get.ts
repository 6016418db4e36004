import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { getJob } from "../../services/jobs/get";
import { serviceContext } from "../context";
import { jsonContent } from "../shared";
import { tenantRoute } from "../tenant-route";
import { JobIdParams, JobSchema } from "./schema";

export const getJobRoute = tenantRoute({
  method: "get",
  path: "/{id}",
  tags: ["Jobs"],
  summary: "Get a job and its progress",
  permission: "jobs:read",
  request: { params: JobIdParams },
  responses: { 200: jsonContent(JobSchema, "The job"), ...openApiErrorResponses },
});

export function registerGetJob(app: AppOpenAPI) {
  app.openapi(getJobRoute, async (c) => c.json(await getJob(serviceContext(c), c.req.valid("param").id), 200));
}
