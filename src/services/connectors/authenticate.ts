import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { connectors } from "../../db/schema";
import { timingSafeEqualStrings } from "../../lib/crypto";
import { parseConnectorToken } from "../../protocol";
import { recordChange } from "../events/record";
import { hashConnectorToken, newConnectorToken } from "./tokens";

export interface ConnectorAuth {
  connectorId: string;
  tenantId: string;
  /** Set on enrollment: the long-lived secret, to hand to the connector once (only its hash is kept). */
  enrolledSecret?: string;
}

/**
 * Checks a connector's bearer token before its gateway is touched. On the privileged handle: the
 * tenant is not known until the token names it.
 *
 * - `<id>.<secret>`: the connector exists, is not revoked, and the secret's hash matches (compared
 *   in constant time).
 * - an enrollment token: consumed atomically (one update on its hash, unexpired, not revoked), and
 *   a fresh secret issued in the same statement; a second use of the token finds nothing.
 */
export async function authenticateConnector(db: Db, token: string, now: Date): Promise<ConnectorAuth | null> {
  const parsed = parseConnectorToken(token);
  if (!parsed) return null;
  if (parsed.kind === "credential") {
    const [row] = await db
      .select({ tenantId: connectors.tenantId, secretHash: connectors.secretHash, revokedAt: connectors.revokedAt })
      .from(connectors)
      .where(eq(connectors.id, parsed.connectorId))
      .limit(1);
    const ok = await timingSafeEqualStrings(await hashConnectorToken(parsed.secret), row?.secretHash ?? "-");
    if (!row || !ok || row.revokedAt !== null || row.secretHash === null) return null;
    return { connectorId: parsed.connectorId, tenantId: row.tenantId };
  }
  const tokenHash = await hashConnectorToken(parsed.token);
  const secret = newConnectorToken();
  const secretHash = await hashConnectorToken(secret);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(connectors)
      .set({ secretHash, enrollmentTokenHash: null, enrollmentExpiresAt: null, status: "offline", updatedAt: now })
      .where(
        and(
          eq(connectors.enrollmentTokenHash, tokenHash),
          gt(connectors.enrollmentExpiresAt, now),
          isNull(connectors.revokedAt),
        ),
      )
      .returning({ id: connectors.id, tenantId: connectors.tenantId });
    if (!row) return null;
    await tx.execute(sql`select set_config('app.tenant_id', ${row.tenantId}, true)`);
    await recordChange(
      tx,
      { actor: { type: "connector", connectorId: row.id } },
      {
        tenantId: row.tenantId,
        action: "enroll",
        entityType: "connector",
        entityId: row.id,
        changes: { enrolled: true },
      },
    );
    return { connectorId: row.id, tenantId: row.tenantId, enrolledSecret: secret };
  });
}
