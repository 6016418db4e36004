import { and, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { type InfrastructureItem, infrastructureItems } from "../../db/schema";
import { NotFoundError } from "../errors";

/** Fetch-or-throw a live item: 404 for an unknown, soft-deleted (Property 14) or other tenant's id. */
export async function getItemInTenant(
  db: DbOrTx,
  tenantId: string,
  id: string,
  lock = false,
): Promise<InfrastructureItem> {
  const t = infrastructureItems;
  const query = db
    .select()
    .from(t)
    .where(and(eq(t.tenantId, tenantId), eq(t.id, id), isNull(t.deletedAt)))
    .limit(1);
  const [row] = lock ? await query.for("update") : await query;
  if (!row) throw new NotFoundError("infrastructure item", id);
  return row;
}

export function isLowStock(item: Pick<InfrastructureItem, "quantity" | "minimumQuantity">): boolean {
  return item.quantity < item.minimumQuantity;
}

export function toItemView(i: InfrastructureItem) {
  return {
    id: i.id,
    name: i.name,
    type: i.type,
    quantity: i.quantity,
    unit: i.unit,
    minimumQuantity: i.minimumQuantity,
    lowStock: isLowStock(i),
    location: i.location,
    notes: i.notes,
    createdAt: i.createdAt.toISOString(),
    updatedAt: i.updatedAt.toISOString(),
  };
}
export type ItemView = ReturnType<typeof toItemView>;
