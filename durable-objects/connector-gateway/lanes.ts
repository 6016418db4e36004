import type { Result } from "../../src/protocol";
import type { StoredCommand } from "./types";

/**
 * Pure scheduling of the outbox (property-tested). Commands of one router form one lane, sent one
 * at a time in enqueue order: the connector runs each command as it arrives and only serialises
 * the API calls, so two ops in flight on the same router could interleave (a secret set between a
 * profile's print and add). One in flight per router keeps "profile before the secret that uses it"
 * and "the later state of an object wins" true by construction; routers proceed in parallel.
 */

/** A sent command without a result after this long is sent again (the connector joins or answers it). */
export const RESEND_AFTER_MS = 60_000;
const BACKOFF_BASE_MS = 2_000;
const BACKOFF_CAP_MS = 5 * 60_000;

export interface LaneState {
  routerId: string;
  failures: number;
  /** Epoch ms before which the lane sends nothing (backoff after a retryable failure). */
  retryAt: number;
  lastError: string | null;
}

/** Delay after `failures` consecutive retryable failures of a router: 2 s · 2^(n−1), at most 5 min. */
export function laneBackoffMs(failures: number): number {
  const n = Math.max(1, Math.floor(failures));
  return Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.min(n - 1, 30));
}

export interface SendPlan {
  /** Heads of lanes to (re)send now. */
  send: StoredCommand[];
  /** Unsent commands whose deadline passed: fail them without sending. */
  expired: StoredCommand[];
  /** When the schedule changes next by itself (a backoff ends, a resend is due); null: nothing pending. */
  wakeAt: number | null;
}

export function planSends(commands: readonly StoredCommand[], lanes: ReadonlyMap<string, LaneState>, now: number) {
  const plan: SendPlan = { send: [], expired: [], wakeAt: null };
  const wake = (t: number) => {
    plan.wakeAt = plan.wakeAt === null ? t : Math.min(plan.wakeAt, t);
  };
  const headSeen = new Set<string>();
  for (const cmd of [...commands].sort((a, b) => a.seq - b.seq)) {
    if (cmd.sentAt === null && Date.parse(cmd.deadline) < now) {
      plan.expired.push(cmd);
      continue;
    }
    if (headSeen.has(cmd.routerId)) continue;
    headSeen.add(cmd.routerId);
    if (cmd.sentAt !== null) {
      const due = cmd.sentAt + RESEND_AFTER_MS;
      if (due <= now) plan.send.push(cmd);
      else wake(due);
      continue;
    }
    const retryAt = lanes.get(cmd.routerId)?.retryAt ?? 0;
    if (retryAt <= now) plan.send.push(cmd);
    else wake(retryAt);
  }
  return plan;
}

export type Outcome = { kind: "done" } | { kind: "retry"; reason: string } | { kind: "failed"; reason: string };

/**
 * What a result means for its command: done; retry later (the connector says a retry may succeed:
 * router unreachable, timeout, router list not there yet — Property 29); or failed for good.
 */
export function classifyResult(result: Result): Outcome {
  if (result.ok) return { kind: "done" };
  const error = result.error;
  const reason = error ? `${error.code}: ${error.message}` : "failed without an error";
  return error?.retryable ? { kind: "retry", reason } : { kind: "failed", reason };
}

/** Whether an `ensureSecret` result calls for a kick: its profile changed, or it was just disabled. */
export function needsKick(data: unknown, disabled: boolean): boolean {
  const { action, changed } = (data ?? {}) as { action?: unknown; changed?: unknown };
  // A secret just created has no session yet.
  if (action !== "updated" || !Array.isArray(changed)) return false;
  return changed.includes("profile") || (disabled && changed.includes("disabled"));
}
