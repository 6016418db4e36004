import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { jobQueue } from "../../queues/producer";
import { retryFailedJob } from "../../services/jobs/retry-failed";
import { serviceContext } from "../context";
import { jsonContent } from "../shared";
import { tenantRoute } from "../tenant-route";
import { FailedJobSchema, JobIdParams } from "./schema";

export const retryFailedJobRoute = tenantRoute({
  method: "post",
  path: "/failed/{id}/retry",
  tags: ["Jobs"],
  summary: "Retry a failed job: its message is enqueued again and the record marked retried",
  description: "409 when the record was already retried or discarded, or its message is not valid any more.",
  permission: "jobs:write",
  request: { params: JobIdParams },
  responses: { 202: jsonContent(FailedJobSchema, "Re-enqueued"), ...openApiErrorResponses },
});

export function registerRetryFailedJob(app: AppOpenAPI) {
  app.openapi(retryFailedJobRoute, async (c) => {
    const retried = await retryFailedJob(serviceContext(c), jobQueue(c.env), c.req.valid("param").id);
    c.get("log").info("failed job retried", { failedJobId: retried.id, jobType: retried.jobType });
    return c.json(retried, 202);
  });
}
