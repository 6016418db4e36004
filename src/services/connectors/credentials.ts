import { and, eq } from "drizzle-orm";
import { connectors } from "../../db/schema";
import { CLOSE_CODES } from "../../protocol";
import { diff } from "../audit/record";
import { type ServiceContext, withTenantTx } from "../context";
import { ConflictError } from "../errors";
import { recordChange } from "../events/record";
import { requirePermission } from "../permissions";
import type { ConnectorGatewayClient } from "./gateway";
import { type ConnectorView, getConnectorInTenant, routerCounts, toConnectorView } from "./internal";
import { ENROLLMENT_TTL_MS, hashConnectorToken, newConnectorToken } from "./tokens";

/**
 * Revokes a connector for good: both credentials are cleared, it is closed out at once (4001) and
 * refused from then on. Its routers and history stay. Revoking twice is a 409.
 */
export async function revokeConnector(
  ctx: ServiceContext,
  gateway: ConnectorGatewayClient,
  id: string,
  now = new Date(),
): Promise<ConnectorView> {
  requirePermission(ctx, "connectors:write");
  const view = await withTenantTx(ctx, async (tx, txCtx) => {
    const before = await getConnectorInTenant(tx, ctx.tenant.id, id, true);
    if (before.revokedAt) throw new ConflictError(`Connector ${id} is already revoked`);
    const patch = {
      revokedAt: now,
      status: "offline" as const,
      secretHash: null,
      enrollmentTokenHash: null,
      enrollmentExpiresAt: null,
      updatedAt: now,
    };
    return updateAndRecord(txCtx, tx, before, patch, "revoke");
  });
  await gateway.disconnect(id, CLOSE_CODES.unauthorized, "connector revoked");
  return view;
}

/**
 * Issues a new enrollment token (24 h) and invalidates the current secret at once: the live socket
 * is closed (4001) and the connector must enroll again with the new token. For a lost or leaked
 * secret, or to move the connector to another machine.
 */
export async function rotateConnector(
  ctx: ServiceContext,
  gateway: ConnectorGatewayClient,
  id: string,
  now = new Date(),
): Promise<{ connector: ConnectorView; enrollmentToken: string }> {
  requirePermission(ctx, "connectors:write");
  const enrollmentToken = newConnectorToken();
  const enrollmentTokenHash = await hashConnectorToken(enrollmentToken);
  const connector = await withTenantTx(ctx, async (tx, txCtx) => {
    const before = await getConnectorInTenant(tx, ctx.tenant.id, id, true);
    if (before.revokedAt) throw new ConflictError(`Connector ${id} is revoked; create a new one`);
    const patch = {
      status: "pending" as const,
      secretHash: null,
      enrollmentTokenHash,
      enrollmentExpiresAt: new Date(now.getTime() + ENROLLMENT_TTL_MS),
      updatedAt: now,
    };
    return updateAndRecord(txCtx, tx, before, patch, "rotate");
  });
  await gateway.disconnect(id, CLOSE_CODES.unauthorized, "credentials rotated");
  return { connector, enrollmentToken };
}

type Tx = Parameters<Parameters<typeof withTenantTx>[1]>[0];
type Row = Awaited<ReturnType<typeof getConnectorInTenant>>;

async function updateAndRecord(ctx: ServiceContext, tx: Tx, before: Row, patch: Partial<Row>, action: string) {
  const [after] = await tx
    .update(connectors)
    .set(patch)
    .where(and(eq(connectors.tenantId, ctx.tenant.id), eq(connectors.id, before.id)))
    .returning();
  if (!after) throw new Error("update returned no connector");
  await recordChange(tx, ctx, {
    tenantId: ctx.tenant.id,
    action,
    entityType: "connector",
    entityId: before.id,
    changes: diff(before, patch),
  });
  const counts = await routerCounts(tx, ctx.tenant.id, [before.id]);
  return toConnectorView(after, counts.get(before.id));
}
