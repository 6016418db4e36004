import type { Result } from "../../src/protocol";
import { type ProvisioningReport, reportProvisioning } from "../../src/services/provisioning/report";
import { classifyResult, laneBackoffMs, needsKick } from "./lanes";
import type { Presence } from "./presence";
import type { StoredCommand } from "./types";

/**
 * Records a command's result: done → removed (and, for `kickOnChange`, the kick queued right
 * behind it); retryable → back to waiting with the router's lane in backoff (Property 29); failed →
 * removed with the commands of the same change that built on it. The customer the change was for
 * hears the outcome once nothing of it is outstanding: applied, failed with the reason, or still
 * pending with the reason it waits.
 */
export async function handleResult(p: Presence, tenantId: string, result: Result, now = Date.now()): Promise<void> {
  const cmd = p.outbox.get(result.commandId);
  if (!cmd) return; // a late duplicate of a result already recorded
  const outcome = classifyResult(result);
  let report: ProvisioningReport | null = null;
  if (outcome.kind === "done") {
    p.outbox.finish(cmd, result, now);
    p.outbox.resetLane(cmd.routerId);
    followUp(p, cmd, result.data, now);
    if (cmd.subject && !p.outbox.subjectPending(cmd.subject)) report = { state: "applied" };
  } else if (outcome.kind === "retry") {
    p.outbox.requeue(cmd.id);
    const failures = (p.outbox.lanes().get(cmd.routerId)?.failures ?? 0) + 1;
    p.outbox.setLane({
      routerId: cmd.routerId,
      failures,
      retryAt: now + laneBackoffMs(failures),
      lastError: outcome.reason,
    });
    if (failures === 1) report = { state: "pending", reason: `waiting to retry: ${outcome.reason}` };
  } else {
    p.outbox.finish(cmd, result, now);
    for (const dep of p.outbox.dependents(cmd)) {
      p.outbox.finish(dep, { ok: false, error: skipped(cmd) }, now);
    }
    report = { state: "failed", reason: `${cmd.op}: ${outcome.reason}` };
  }
  if (report && cmd.subject && cmd.version) {
    const { subject, version } = cmd;
    const r = report;
    try {
      await p.backend.run(tenantId, "provisioning", (ctx) => reportProvisioning(ctx, subject, version, r));
    } catch (err) {
      // The sweeper re-plans customers left pending; their ops are then "unchanged" and report again.
      p.backend.log.warn("could not report a provisioning outcome", { customerId: subject, err });
    }
  }
}

function followUp(p: Presence, cmd: StoredCommand, data: unknown, now: number): void {
  if (cmd.op !== "ensureSecret" || !cmd.kickOnChange) return;
  const args = cmd.args as { name: string; disabled: boolean };
  if (!needsKick(data, args.disabled)) return;
  p.outbox.enqueueInPlaceOf(
    cmd,
    {
      routerId: cmd.routerId,
      op: "kickSession",
      args: { name: args.name },
      idempotencyKey: `${cmd.idempotencyKey}:kick`,
      deadline: cmd.deadline,
      ...(cmd.subject ? { subject: cmd.subject } : {}),
      ...(cmd.version ? { version: cmd.version } : {}),
    },
    now,
  );
}

function skipped(cmd: StoredCommand) {
  return { code: "internal" as const, message: `skipped: ${cmd.op} before it failed`, retryable: false };
}
