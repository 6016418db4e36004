import { sql } from "drizzle-orm";
import type { Logger } from "../../lib/logger";
import { type ServiceContext, withTenantTx } from "../context";
import type { ConnectorGatewayClient } from "./gateway";

/**
 * After a commit that changes what connectors are told (a restore, the poll interval): every
 * connector of the tenant is sent its `config` again (the gateway re-reads it; a connector that is
 * not connected gets it on its next hello). Best effort: the change has committed; a failure is
 * logged with `why`.
 */
export async function refreshConnectorConfigs(
  ctx: ServiceContext,
  gateway: ConnectorGatewayClient | undefined,
  log: Logger | undefined,
  why = "a restore",
): Promise<void> {
  if (!gateway?.available) return;
  try {
    const res = await withTenantTx(ctx, (tx) =>
      tx.execute<{ id: string }>(
        sql`select id from connectors where tenant_id = ${ctx.tenant.id} and revoked_at is null order by id`,
      ),
    );
    const results = await Promise.allSettled(res.rows.map((r) => gateway.refreshConfig(r.id)));
    for (const [i, r] of results.entries())
      if (r.status === "rejected")
        log?.warn("connector config refresh failed", { why, connectorId: res.rows[i]?.id, err: r.reason });
  } catch (err) {
    log?.warn("connector config refresh failed", { why, err });
  }
}
