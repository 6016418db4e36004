import { sql } from "drizzle-orm";
import { type ServiceContext, withTenantTx } from "../context";

/** What a connector's upload budget is sized from: its routers and the customers on them. */
export interface ConnectorLoad {
  routers: number;
  customers: number;
}

/** The connector's routers and the customers on them (every status: a generous count is the safe side). */
export async function connectorLoad(ctx: ServiceContext, connectorId: string): Promise<ConnectorLoad> {
  const tenantId = ctx.tenant.id;
  const result = await withTenantTx(ctx, (tx) =>
    tx.execute<{ routers: number; customers: number }>(sql`
      select (select count(*)::int from mikrotik_routers
               where tenant_id = ${tenantId}::uuid and connector_id = ${connectorId}::uuid) as routers,
             (select count(*)::int from customers c
                join mikrotik_routers r on r.id = c.router_id and r.tenant_id = c.tenant_id
               where c.tenant_id = ${tenantId}::uuid and r.connector_id = ${connectorId}::uuid) as customers`),
  );
  const row = result.rows[0];
  return { routers: row?.routers ?? 0, customers: row?.customers ?? 0 };
}
