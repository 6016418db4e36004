import { createTenantRouter } from "../../app";
import { registerGetJob } from "./get";
import { registerListJobs } from "./list";
import { registerListFailedJobs } from "./list-failed";
import { registerRetryFailedJob } from "./retry-failed";

/** `/api/v1/jobs`: background jobs and their dead letters (admins). `/failed` before `/{id}`. */
export function jobsRouter() {
  const app = createTenantRouter();
  registerListJobs(app);
  registerListFailedJobs(app);
  registerRetryFailedJob(app);
  registerGetJob(app);
  return app;
}
