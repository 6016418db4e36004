import { and, count, eq, isNull, sql } from "drizzle-orm";
import { customers } from "../../db/schema";
import { type ServiceContext, withTenantTx } from "../context";
import { requirePermission } from "../permissions";

export interface CustomerStats {
  total: number;
  active: number;
  suspended: number;
  terminated: number;
}

/**
 * Live customers per status, in one scan, so the parts add up to the total (Property 15): each row
 * has exactly one status (CHECK), and the total is counted in the same statement.
 */
export async function getCustomerStats(ctx: ServiceContext): Promise<CustomerStats> {
  requirePermission(ctx, "customers:read");
  const by = (status: string) => sql<number>`count(*) filter (where ${customers.status} = ${status})`.mapWith(Number);
  return withTenantTx(ctx, async (tx) => {
    const [row] = await tx
      .select({ total: count(), active: by("active"), suspended: by("suspended"), terminated: by("terminated") })
      .from(customers)
      .where(and(eq(customers.tenantId, ctx.tenant.id), isNull(customers.deletedAt)));
    return row ?? { total: 0, active: 0, suspended: 0, terminated: 0 };
  });
}
