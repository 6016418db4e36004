import { and, eq } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { customers, mikrotikRouters } from "../../db/schema";
import { diff } from "../audit/record";
import { assertConnectorUsable } from "../connectors/internal";
import { type ServiceContext, withTenantTx } from "../context";
import { changesWithSecret, encryptPassword } from "../devices/secrets";
import { DuplicateError } from "../errors";
import { recordChange } from "../events/record";
import { requirePermission } from "../permissions";
import { assertSecretResupplied } from "../secret-destination";
import { isUniqueViolation } from "../tenants/create";
import { assertRouterNameFree, getRouterInTenant, type RouterView, toRouterView } from "./internal";
import type { UpdateRouterInput } from "./schemas";

/**
 * Changes what was sent; status, last seen and RouterOS version belong to the connector. A sent
 * password is always re-encrypted and counts as a change (the event tells provisioning to reconnect).
 * A change to how the router is reached puts its failed customers back to `pending`. A change to
 * where the password is sent needs the password in the same request (400 naming `password`).
 */
export async function updateMikrotikRouter(
  ctx: ServiceContext,
  id: string,
  input: UpdateRouterInput,
): Promise<RouterView> {
  requirePermission(ctx, "routers:write");
  const tenantId = ctx.tenant.id;
  const { password, ...fields } = input;
  const passwordEnc = password === undefined ? undefined : await encryptPassword(ctx, password);
  try {
    return await withTenantTx(ctx, async (tx, txCtx) => {
      const before = await getRouterInTenant(tx, tenantId, id, true);
      const fieldChanges = diff(before, fields);
      assertSecretResupplied({
        changes: fieldChanges,
        destination: PASSWORD_DESTINATION,
        secretField: "password",
        secretSent: passwordEnc !== undefined,
        secretStored: before.passwordEnc.length > 0,
      });
      if (Object.keys(fieldChanges).length === 0 && passwordEnc === undefined) return toRouterView(before);
      if (fieldChanges.name && fields.name) await assertRouterNameFree(tx, tenantId, fields.name, id);
      if (fieldChanges.connectorId && fields.connectorId) await assertConnectorUsable(tx, tenantId, fields.connectorId);
      const [after] = await tx
        .update(mikrotikRouters)
        .set({ ...fields, ...(passwordEnc === undefined ? {} : { passwordEnc }), updatedAt: new Date() })
        .where(and(eq(mikrotikRouters.tenantId, tenantId), eq(mikrotikRouters.id, id)))
        .returning();
      if (!after) throw new Error("update returned no router");
      await recordChange(tx, txCtx, {
        tenantId,
        action: "update",
        entityType: "router",
        entityId: id,
        changes: changesWithSecret(fieldChanges, passwordEnc !== undefined),
      });
      const reachChanged = REACH_FIELDS.some((f) => f in fieldChanges) || passwordEnc !== undefined;
      if (reachChanged && after.isActive) await retryFailedProvisioning(tx, tenantId, id);
      return toRouterView(after);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new DuplicateError("router", "name", input.name ?? "");
    throw err;
  }
}

/** What decides whether the connector can reach and log in to the router. */
const REACH_FIELDS = ["host", "apiPort", "apiTls", "username", "connectorId", "isActive"] as const;

/**
 * Where the API password goes: the connector that gets it in its config, and the address and
 * protocol that connector logs in to. Changing any of them needs the password again
 * (secret-destination.ts); the user name, name, location or active flag do not.
 */
const PASSWORD_DESTINATION = ["host", "apiPort", "apiTls", "connectorId"] as const;

/**
 * The router's customers whose provisioning failed (wrong password, unreachable host, …) are
 * `pending` again once how it is reached changes, so the provisioning sweep re-plans them; fixing
 * the credentials is otherwise no reason for anything to retry. `updated_at` is left alone, as
 * provisioning reports do, so they keep their place in the sweep's oldest-first order.
 */
async function retryFailedProvisioning(tx: Tx, tenantId: string, routerId: string): Promise<void> {
  await tx
    .update(customers)
    .set({ provisioningState: "pending", provisioningError: null })
    .where(
      and(
        eq(customers.tenantId, tenantId),
        eq(customers.routerId, routerId),
        eq(customers.provisioningState, "failed"),
      ),
    );
}
