import { and, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { customers, type SpeedBoost, speedBoosts } from "../../db/schema";
import { NotFoundError } from "../errors";

export async function getBoostInTenant(db: DbOrTx, tenantId: string, id: string, lock = false): Promise<SpeedBoost> {
  const query = db
    .select()
    .from(speedBoosts)
    .where(and(eq(speedBoosts.tenantId, tenantId), eq(speedBoosts.id, id)))
    .limit(1);
  const [row] = lock ? await query.for("update") : await query;
  if (!row) throw new NotFoundError("speed boost", id);
  return row;
}

/** The live customer with this id in this tenant, locked for the boost's change; undefined if none. */
export async function findLiveCustomerForUpdate(db: DbOrTx, tenantId: string, id: string) {
  const [row] = await db
    .select()
    .from(customers)
    .where(and(eq(customers.tenantId, tenantId), eq(customers.id, id), isNull(customers.deletedAt)))
    .limit(1)
    .for("update");
  return row;
}

export function toBoostView(b: SpeedBoost) {
  return {
    id: b.id,
    customerId: b.customerId,
    currentPlanId: b.currentPlanId,
    boostPlanId: b.boostPlanId,
    durationDays: b.durationDays,
    price: b.price,
    status: b.status,
    requestDate: b.requestDate.toISOString(),
    startDate: b.startDate?.toISOString() ?? null,
    endDate: b.endDate?.toISOString() ?? null,
    notes: b.notes,
    rejectionReason: b.rejectionReason,
    approvedBy: b.approvedBy,
    createdAt: b.createdAt.toISOString(),
    updatedAt: b.updatedAt.toISOString(),
  };
}
export type SpeedBoostView = ReturnType<typeof toBoostView>;
