import type { DbOrTx } from "../../../src/db/client";
import { alerts, type NewAlert } from "../../../src/db/schema";

/** An alert row as a detector would leave it (the alerts API has no create: jobs and services raise them). */
export async function seedAlert(db: DbOrTx, tenantId: string, over: Partial<NewAlert> = {}): Promise<string> {
  const [row] = await db
    .insert(alerts)
    .values({
      tenantId,
      type: "device_offline",
      severity: "critical",
      entityType: "device",
      entityId: crypto.randomUUID(),
      message: "OLT Gang Melati offline",
      ...over,
    })
    .returning({ id: alerts.id });
  if (!row) throw new Error("no alert inserted");
  return row.id;
}
