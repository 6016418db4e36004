import { mikrotikRouters } from "../../db/schema";
import { assertConnectorUsable } from "../connectors/internal";
import { type ServiceContext, withTenantTx } from "../context";
import { encryptPassword } from "../devices/secrets";
import { DuplicateError } from "../errors";
import { recordChange } from "../events/record";
import { requirePermission } from "../permissions";
import { isUniqueViolation } from "../tenants/create";
import { assertRouterNameFree, type RouterView, toRouterView } from "./internal";
import { API_SSL_PORT, type CreateRouterInput } from "./schemas";

/**
 * Registers a MikroTik router; status starts `unknown` until its connector reports on it. Whether
 * its API is reached over TLS is stored: as sent, else what port 8729 always meant (api-ssl).
 */
export async function createMikrotikRouter(ctx: ServiceContext, input: CreateRouterInput): Promise<RouterView> {
  requirePermission(ctx, "routers:write");
  const tenantId = ctx.tenant.id;
  const passwordEnc = await encryptPassword(ctx, input.password);
  try {
    return await withTenantTx(ctx, async (tx, txCtx) => {
      await assertRouterNameFree(tx, tenantId, input.name);
      if (input.connectorId) await assertConnectorUsable(tx, tenantId, input.connectorId);
      const [row] = await tx
        .insert(mikrotikRouters)
        .values({
          tenantId,
          name: input.name,
          host: input.host,
          apiPort: input.apiPort,
          apiTls: input.apiTls ?? input.apiPort === API_SSL_PORT,
          username: input.username,
          passwordEnc,
          location: input.location ?? null,
          isActive: input.isActive,
          connectorId: input.connectorId ?? null,
        })
        .returning();
      if (!row) throw new Error("insert returned no router");
      const view = toRouterView(row);
      await recordChange(tx, txCtx, {
        tenantId,
        action: "create",
        entityType: "router",
        entityId: row.id,
        changes: view,
      });
      return view;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new DuplicateError("router", "name", input.name);
    throw err;
  }
}
