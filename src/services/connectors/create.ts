import { connectors } from "../../db/schema";
import { type ServiceContext, withTenantTx } from "../context";
import { recordChange } from "../events/record";
import { requirePermission } from "../permissions";
import { type ConnectorView, toConnectorView } from "./internal";
import type { CreateConnectorInput } from "./schemas";
import { ENROLLMENT_TTL_MS, hashConnectorToken, newConnectorToken } from "./tokens";

/**
 * Registers a connector, `pending` until it enrolls. The enrollment token is returned this once
 * (only its hash is stored) and expires after 24 hours; `rotate` issues a new one.
 */
export async function createConnector(
  ctx: ServiceContext,
  input: CreateConnectorInput,
  now = new Date(),
): Promise<{ connector: ConnectorView; enrollmentToken: string }> {
  requirePermission(ctx, "connectors:write");
  const tenantId = ctx.tenant.id;
  const enrollmentToken = newConnectorToken();
  const enrollmentTokenHash = await hashConnectorToken(enrollmentToken);
  return withTenantTx(ctx, async (tx, txCtx) => {
    const [row] = await tx
      .insert(connectors)
      .values({
        tenantId,
        name: input.name,
        status: "pending",
        enrollmentTokenHash,
        enrollmentExpiresAt: new Date(now.getTime() + ENROLLMENT_TTL_MS),
      })
      .returning();
    if (!row) throw new Error("insert returned no connector");
    const connector = toConnectorView(row);
    await recordChange(tx, txCtx, {
      tenantId,
      action: "create",
      entityType: "connector",
      entityId: row.id,
      changes: connector,
    });
    return { connector, enrollmentToken };
  });
}
