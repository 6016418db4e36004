import { and, eq, isNull } from "drizzle-orm";
import { connectors } from "../../db/schema";
import { raiseAlert, resolveAlertFor } from "../alerts/raise";
import { type ServiceContext, withTenantTx } from "../context";

/**
 * A connector's presence as its gateway sees it. `online` on `hello`; `last_seen` refreshed while
 * the socket lives; `offline` (with a `connector_offline` alert, Property 40) once it stayed away
 * past the grace period. Revoked connectors are never marked online.
 */
export async function markConnectorOnline(ctx: ServiceContext, connectorId: string, version: string, now: Date) {
  await withTenantTx(ctx, async (tx, txCtx) => {
    const [row] = await tx
      .update(connectors)
      .set({ status: "online", version, lastSeen: now })
      .where(and(eq(connectors.tenantId, ctx.tenant.id), eq(connectors.id, connectorId), isNull(connectors.revokedAt)))
      .returning({ id: connectors.id });
    if (row) await resolveAlertFor(tx, txCtx, { type: "connector_offline", entityId: connectorId }, now);
  });
}

/** Liveness only: no status change, no audit (written about once a minute per connected connector). */
export async function markConnectorSeen(ctx: ServiceContext, connectorId: string, at: Date) {
  await withTenantTx(ctx, (tx) =>
    tx
      .update(connectors)
      .set({ lastSeen: at })
      .where(and(eq(connectors.tenantId, ctx.tenant.id), eq(connectors.id, connectorId))),
  );
}

/** Marks it offline unless it already is (or is pending/revoked); raises the alert on the change. */
export async function markConnectorOffline(ctx: ServiceContext, connectorId: string, lastSeen: Date | null) {
  return withTenantTx(ctx, async (tx, txCtx) => {
    const [row] = await tx
      .update(connectors)
      .set({ status: "offline", ...(lastSeen ? { lastSeen } : {}) })
      .where(
        and(
          eq(connectors.tenantId, ctx.tenant.id),
          eq(connectors.id, connectorId),
          eq(connectors.status, "online"),
          isNull(connectors.revokedAt),
        ),
      )
      .returning({ id: connectors.id, name: connectors.name, lastSeen: connectors.lastSeen });
    if (!row) return false;
    await raiseAlert(tx, txCtx, {
      type: "connector_offline",
      severity: "critical",
      entityType: "connector",
      entityId: connectorId,
      message: `Connector ${row.name} is offline`,
      data: { lastSeen: row.lastSeen?.toISOString() ?? null },
    });
    return true;
  });
}
