import type { Tx } from "../../db/client";
import type { ServiceContext } from "../context";
import { recordChange } from "../events/record";

/** What a status change needs to know of the thing that changed. */
export type StatusRef = { id: string; name: string; status: string };

/**
 * `<entity>.status_change` with `{ status: { old, new } }` (the shape the email rules and dashboards
 * read), plus the name and `last_seen` so a dashboard can show the change without a refetch. The one
 * way connectors, routers and devices record going online, offline or unknown.
 */
export async function recordStatusChange(
  tx: Tx,
  ctx: ServiceContext,
  entityType: "connector" | "router" | "device",
  ref: StatusRef,
  status: string,
  lastSeen: Date | null,
) {
  const changes = { status: { old: ref.status, new: status } };
  await recordChange(tx, ctx, {
    tenantId: ctx.tenant.id,
    action: "status_change",
    entityType,
    entityId: ref.id,
    changes,
    event: { ...changes, name: ref.name, lastSeen: lastSeen?.toISOString() ?? null },
  });
}
