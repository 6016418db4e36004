import { and, count, eq, sql } from "drizzle-orm";
import { customers, mikrotikRouters } from "../../db/schema";
import { resolveAlertsOfEntity } from "../alerts/resolve-entity";
import { type ServiceContext, withTenantTx } from "../context";
import { deleteOrConflict } from "../devices/in-use";
import { ConflictError } from "../errors";
import { recordChange } from "../events/record";
import { requirePermission } from "../permissions";
import { getRouterInTenant, toRouterView } from "./internal";

/**
 * Hard-deletes a router no customer uses (Property 17). "Uses" counts soft-deleted customers too:
 * they keep their history and their RESTRICT foreign key, as they do for plans; the way out is
 * `isActive=false`. The foreign key (via `deleteOrConflict`) also covers a customer attached meanwhile.
 */
export async function deleteMikrotikRouter(ctx: ServiceContext, id: string): Promise<void> {
  requirePermission(ctx, "routers:write");
  const tenantId = ctx.tenant.id;
  await deleteOrConflict("router", id, () =>
    withTenantTx(ctx, async (tx, txCtx) => {
      const router = await getRouterInTenant(tx, tenantId, id, true);
      const [usage] = await tx
        .select({
          all: count(),
          live: sql<number>`(count(*) filter (where ${customers.deletedAt} is null))::int`,
        })
        .from(customers)
        .where(and(eq(customers.tenantId, tenantId), eq(customers.routerId, id)));
      if (usage && usage.all > 0) {
        throw new ConflictError(
          `Router ${id} serves ${usage.live} customer(s) and keeps ${usage.all - usage.live} deleted one(s); ` +
            "move them to another router or set isActive=false instead",
        );
      }
      await tx.delete(mikrotikRouters).where(and(eq(mikrotikRouters.tenantId, tenantId), eq(mikrotikRouters.id, id)));
      await recordChange(tx, txCtx, {
        tenantId,
        action: "delete",
        entityType: "router",
        entityId: id,
        changes: toRouterView(router),
      });
      /** Nothing is left to come back online: its open alerts (e.g. offline) are closed with it. */
      await resolveAlertsOfEntity(tx, txCtx, { entityType: "router", entityId: id });
    }),
  );
}
