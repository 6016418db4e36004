import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { type Alert, alerts } from "../../db/schema";
import { NotFoundError } from "../errors";

/** Fetch-or-throw: 404 for an unknown id and for another tenant's id alike. */
export async function getAlertInTenant(db: DbOrTx, tenantId: string, id: string, lock = false): Promise<Alert> {
  const query = db
    .select()
    .from(alerts)
    .where(and(eq(alerts.tenantId, tenantId), eq(alerts.id, id)))
    .limit(1);
  const [row] = lock ? await query.for("update") : await query;
  if (!row) throw new NotFoundError("alert", id);
  return row;
}

export function toAlertView(a: Alert) {
  return {
    id: a.id,
    type: a.type,
    severity: a.severity,
    entityType: a.entityType,
    entityId: a.entityId,
    message: a.message,
    data: (a.data ?? null) as Record<string, unknown> | null,
    status: a.status,
    acknowledgedBy: a.acknowledgedBy,
    acknowledgedAt: a.acknowledgedAt?.toISOString() ?? null,
    resolvedAt: a.resolvedAt?.toISOString() ?? null,
    createdAt: a.createdAt.toISOString(),
  };
}
export type AlertView = ReturnType<typeof toAlertView>;
