import { CUSTOMER_STATUSES } from "../../db/schema";
import type { CustomerStatus } from "../customers/transitions";
import type { DomainEventView } from "../events/record";
import type { Change, PreviousSecret } from "./planner";

/** What an event asks of the routers. Pure: the mapping from the business's events to provisioning. */
export type Trigger =
  | { kind: "customer"; customerId: string; change: Change }
  /** A plan's speeds or advanced settings changed: its profile on every router that uses it. */
  | { kind: "plan"; planId: string }
  /**
   * A router or a probed device was added, changed or removed: its connector(s) get new lists (the
   * ones named in the event, and the one it has now).
   */
  | { kind: "config"; entity: "router" | "device"; id: string; connectorIds: string[] };

/** The actions of a router or device that can change what its connector is told. */
const CONFIG_ACTIONS = ["create", "update", "delete"];

/** The customer fields a router reflects (a change of anything else provisions nothing). */
const PROVISIONED_FIELDS = ["servicePlanId", "routerId", "pppoeUsername", "pppoePasswordEnc"];

type OldNew = { old?: unknown; new?: unknown };

function changesOf(data: unknown): Record<string, OldNew> {
  if (!data || typeof data !== "object") return {};
  const d = data as { changes?: unknown };
  const changes = d.changes && typeof d.changes === "object" ? d.changes : data;
  return changes as Record<string, OldNew>;
}

const str = (v: unknown): string | null => (typeof v === "string" ? v : null);

/** An `{old, new}` diff entry (a create's data is the flat row, whose fields are not changes). */
const isDiff = (v: unknown): v is OldNew => !!v && typeof v === "object" && "old" in v;

/**
 * The router and username the secret had, whatever the action: an update that changes the plan
 * along with the router or username is announced as `plan_change`, and the old secret must still go.
 */
function previousOf(changes: Record<string, OldNew>): PreviousSecret {
  const prev: PreviousSecret = {};
  if (isDiff(changes.routerId)) prev.previousRouterId = str(changes.routerId.old);
  if (isDiff(changes.pppoeUsername)) prev.previousUsername = str(changes.pppoeUsername.old);
  return prev;
}

function customerChange(action: string, changes: Record<string, OldNew>): Change | null {
  switch (action) {
    case "create":
      return { kind: "created" };
    case "delete":
      return { kind: "deleted" };
    case "plan_change":
      return { kind: "plan" };
    case "status_change": {
      const to = changes.status?.new;
      if (!CUSTOMER_STATUSES.includes(to as CustomerStatus)) return null;
      return { kind: "status", to: to as CustomerStatus };
    }
    case "update":
      return PROVISIONED_FIELDS.some((f) => f in changes) ? { kind: "updated" } : null;
    default:
      return null;
  }
}

export function triggerOf(e: DomainEventView): Trigger | null {
  const changes = changesOf(e.data);
  if (e.entityType === "customer") {
    const change = customerChange(e.action, changes);
    if (!change) return null;
    return { kind: "customer", customerId: e.entityId, change: { ...change, ...previousOf(changes) } };
  }
  if (e.entityType === "service_plan" && e.action === "update") return { kind: "plan", planId: e.entityId };
  if (e.entityType === "service_plan_settings") return { kind: "plan", planId: e.entityId };
  if ((e.entityType === "router" || e.entityType === "device") && CONFIG_ACTIONS.includes(e.action)) {
    const ids = new Set<string>();
    const c = changes.connectorId as unknown;
    if (typeof c === "string") ids.add(c);
    for (const v of [changes.connectorId?.old, changes.connectorId?.new]) if (typeof v === "string") ids.add(v);
    const data = e.data as { connectorId?: unknown } | null;
    if (typeof data?.connectorId === "string") ids.add(data.connectorId);
    return { kind: "config", entity: e.entityType, id: e.entityId, connectorIds: [...ids] };
  }
  return null;
}
