import { and, count, desc, eq, type SQL } from "drizzle-orm";
import { failedJobs, jobs } from "../../db/schema";
import { type Page, pageMeta } from "../../lib/pagination";
import { type ServiceContext, withTenantTx } from "../context";
import { requirePermission } from "../permissions";
import { type FailedJobView, type JobView, toFailedJobView, toJobView } from "./internal";
import type { ListFailedJobsQuery, ListJobsQuery } from "./schemas";

/** The tenant's long jobs (backups, billing runs), newest first, with their progress. */
export async function listJobs(ctx: ServiceContext, q: ListJobsQuery): Promise<Page<JobView>> {
  requirePermission(ctx, "jobs:read");
  const conds: SQL[] = [eq(jobs.tenantId, ctx.tenant.id)];
  if (q.status) conds.push(eq(jobs.status, q.status));
  if (q.type) conds.push(eq(jobs.type, q.type));
  const where = and(...conds);
  return withTenantTx(ctx, async (tx) => {
    const [rows, [total]] = await Promise.all([
      tx
        .select()
        .from(jobs)
        .where(where)
        .orderBy(desc(jobs.createdAt), desc(jobs.id))
        .limit(q.limit)
        .offset((q.page - 1) * q.limit),
      tx.select({ n: count() }).from(jobs).where(where),
    ]);
    return { data: rows.map(toJobView), meta: pageMeta(q, total?.n ?? 0) };
  });
}

/** The tenant's dead-lettered jobs, most recently failed first. */
export async function listFailedJobs(ctx: ServiceContext, q: ListFailedJobsQuery): Promise<Page<FailedJobView>> {
  requirePermission(ctx, "jobs:read");
  const conds: SQL[] = [eq(failedJobs.tenantId, ctx.tenant.id)];
  if (q.status) conds.push(eq(failedJobs.status, q.status));
  if (q.type) conds.push(eq(failedJobs.jobType, q.type));
  const where = and(...conds);
  return withTenantTx(ctx, async (tx) => {
    const [rows, [total]] = await Promise.all([
      tx
        .select()
        .from(failedJobs)
        .where(where)
        .orderBy(desc(failedJobs.lastFailedAt), desc(failedJobs.id))
        .limit(q.limit)
        .offset((q.page - 1) * q.limit),
      tx.select({ n: count() }).from(failedJobs).where(where),
    ]);
    return { data: rows.map(toFailedJobView), meta: pageMeta(q, total?.n ?? 0) };
  });
}
