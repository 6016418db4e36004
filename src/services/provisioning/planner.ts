import type { Op } from "../../protocol";
import type { CustomerStatus } from "../customers/transitions";
import type { ProfileArgs } from "./profile";

/**
 * Pure: what a customer's router must get for the customer as it is now, given what changed. The
 * ops are declarative (each names an end state), so running a plan twice ends where running it
 * once does. Properties 25–28 are stated over this function.
 */

export interface CustomerForPlan {
  id: string;
  status: CustomerStatus;
  deleted: boolean;
  routerId: string | null;
  pppoeUsername: string | null;
  /** Decrypted; only ever sent to the router through the connector. */
  pppoePassword: string | null;
  /** The profile of the plan the router must enforce now (the boost plan during a boost). */
  profile: ProfileArgs | { error: string } | null;
}

/**
 * Where the secret was before, set when the change moved the customer to another router or renamed
 * its PPPoE username. Any change may carry it (a plan change can come with a new router in the same
 * update): the old secret goes from where it was, or it would stay enabled there.
 */
export interface PreviousSecret {
  previousRouterId?: string | null;
  previousUsername?: string | null;
}

export type Change = (
  | { kind: "created" }
  | { kind: "status"; to: CustomerStatus }
  /** Subscribed plan changed, or a speed boost started or ended: the session must reconnect. */
  | { kind: "plan" }
  /** Other provisioned fields (credentials, router) changed. */
  | { kind: "updated" }
  | { kind: "deleted" }
  /** No event at hand (the sweeper, reconciliation): converge; kick only if the secret's profile or state changed. */
  | { kind: "resync" }
) &
  PreviousSecret;

export interface PlannedOp {
  routerId: string;
  op: Op;
  /** Ops on the customer's own router report its provisioning state; clean-ups elsewhere do not. */
  reports: boolean;
  kickOnChange?: boolean;
}

export interface CustomerPlan {
  ops: PlannedOp[];
  /** Why the customer itself cannot be provisioned (the clean-up ops still run). */
  blocked: string | null;
}

const absent = (routerId: string, name: string, reports: boolean): PlannedOp[] => [
  { routerId, op: { op: "ensureAbsent", args: { path: "/ppp/secret", name } }, reports },
  { routerId, op: { op: "kickSession", args: { name } }, reports },
];

export function planCustomer(c: CustomerForPlan, change: Change): CustomerPlan {
  const ops: PlannedOp[] = [];
  const name = c.pppoeUsername;
  const prevRouter = change.previousRouterId;
  const prevName = change.previousUsername ?? name;
  if (prevRouter && prevRouter !== c.routerId && prevName) ops.push(...absent(prevRouter, prevName, false));
  else if (change.previousUsername && change.previousUsername !== name && c.routerId) {
    ops.push(...absent(c.routerId, change.previousUsername, true));
  }
  if (c.deleted || c.status === "terminated") {
    if (c.routerId && name) ops.push(...absent(c.routerId, name, true));
    return { ops, blocked: null };
  }
  if (!c.routerId) return { ops, blocked: "no router assigned" };
  if (!name || !c.pppoePassword) return { ops, blocked: "no PPPoE username or password" };
  if (!c.profile) return { ops, blocked: "no service plan" };
  if ("error" in c.profile) return { ops, blocked: c.profile.error };
  const routerId = c.routerId;
  const disabled = c.status === "suspended";
  const resync = change.kind === "resync";
  ops.push({ routerId, op: { op: "ensureProfile", args: c.profile }, reports: true });
  ops.push({
    routerId,
    op: {
      op: "ensureSecret",
      args: { name, password: c.pppoePassword, profile: c.profile.name, service: "pppoe", comment: c.id, disabled },
    },
    reports: true,
    ...(resync ? { kickOnChange: true } : {}),
  });
  // A suspended customer must not stay online; a new plan applies when the session reconnects.
  const kick = !resync && (disabled || change.kind === "plan");
  if (kick) ops.push({ routerId, op: { op: "kickSession", args: { name } }, reports: true });
  return { ops, blocked: null };
}
