import { type ServiceContext, withTenantTx } from "../context";
import { requirePermission } from "../permissions";
import { getJobInTenant, type JobView, toJobView } from "./internal";

export async function getJob(ctx: ServiceContext, id: string): Promise<JobView> {
  requirePermission(ctx, "jobs:read");
  return withTenantTx(ctx, async (tx) => toJobView(await getJobInTenant(tx, ctx.tenant.id, id)));
}
