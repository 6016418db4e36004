import { and, eq, exists, gt, isNotNull, isNull, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client";
import { connectors, tenants } from "../../db/schema";
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
 *   in constant time). The first such connect confirms a pending enrollment (see below).
 * - an enrollment token: a fresh secret is issued atomically (one update on the token's hash,
 *   unexpired, not revoked), replacing any earlier unconfirmed one. The token stays usable until the
 *   connector proves it holds the secret (`confirmEnrollment`: its `hello`, or a connect with the
 *   secret): a gateway that answers 503, or a socket that drops before `enrolled` arrives, must not
 *   burn the token with a secret nobody received. Only the latest secret works.
 *
 * Either way the connector's tenant must be active: a deactivated tenant's connectors are refused
 * like revoked ones (Property 2: deactivation stops access at once; the sockets they had are closed
 * by the deactivation itself). A deleted tenant's connectors are gone with it.
 */
export async function authenticateConnector(db: Db, token: string, now: Date): Promise<ConnectorAuth | null> {
  const parsed = parseConnectorToken(token);
  if (!parsed) return null;
  if (parsed.kind === "credential") {
    const [row] = await db
      .select({
        tenantId: connectors.tenantId,
        secretHash: connectors.secretHash,
        revokedAt: connectors.revokedAt,
        enrollmentTokenHash: connectors.enrollmentTokenHash,
        tenantActive: tenants.isActive,
      })
      .from(connectors)
      .innerJoin(tenants, eq(tenants.id, connectors.tenantId))
      .where(eq(connectors.id, parsed.connectorId))
      .limit(1);
    const ok = await timingSafeEqualStrings(await hashConnectorToken(parsed.secret), row?.secretHash ?? "-");
    if (!row || !ok || row.revokedAt !== null || row.secretHash === null || !row.tenantActive) return null;
    if (row.enrollmentTokenHash !== null) {
      await confirmEnrollment(db, row.tenantId, parsed.connectorId, now, row.secretHash);
    }
    return { connectorId: parsed.connectorId, tenantId: row.tenantId };
  }
  const tokenHash = await hashConnectorToken(parsed.token);
  const secret = newConnectorToken();
  const secretHash = await hashConnectorToken(secret);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(connectors)
      .set({ secretHash, status: "offline", updatedAt: now })
      .where(
        and(
          eq(connectors.enrollmentTokenHash, tokenHash),
          gt(connectors.enrollmentExpiresAt, now),
          isNull(connectors.revokedAt),
          exists(
            tx
              .select({ one: sql`1` })
              .from(tenants)
              .where(and(eq(tenants.id, connectors.tenantId), eq(tenants.isActive, true))),
          ),
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

/**
 * The connector has shown it holds its issued secret (a `hello`, or a connect with the secret): the
 * enrollment token is spent now. Only while a secret exists, so a `hello` still in flight on the
 * socket a rotate just closed (secret cleared, new token set) does not burn the new token; with
 * `secretHash`, only while that secret is still the current one (no re-enrollment raced us).
 */
export async function confirmEnrollment(
  db: DbOrTx,
  tenantId: string,
  connectorId: string,
  now: Date,
  secretHash?: string,
) {
  await db
    .update(connectors)
    .set({ enrollmentTokenHash: null, enrollmentExpiresAt: null, updatedAt: now })
    .where(
      and(
        eq(connectors.tenantId, tenantId),
        eq(connectors.id, connectorId),
        secretHash === undefined ? isNotNull(connectors.secretHash) : eq(connectors.secretHash, secretHash),
        isNotNull(connectors.enrollmentTokenHash),
      ),
    );
}
