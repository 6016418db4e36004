import { and, eq, sql } from "drizzle-orm";
import { domainEvents, jobs } from "../db/schema";
import { actorUserId, type ServiceContext, withTenantTx } from "../services/context";
import type { EventPublisher } from "../services/events/publisher";
import { recordChange } from "../services/events/record";
import type { TrackedJob } from "./handlers/types";

/** A `running` row older than this is taken over: its consumer died (an invocation lasts ≤ 15 min). */
const LEASE = sql`interval '15 minutes'`;

export type Claim =
  | { kind: "claimed"; jobId: string }
  | { kind: "done"; jobId: string }
  | { kind: "failed"; jobId: string }
  | { kind: "busy"; jobId: string };

/**
 * Claims a message's idempotency key in `jobs` (unique per tenant): inserts the row as `running`,
 * or moves a `queued` row (created by the API or a cron) or an abandoned `running` row to
 * `running`. Otherwise reports why not: `done` (a duplicate delivery: ack it), `failed` (waits for
 * an operator's retry), `busy` (another delivery is running it now: retry later).
 */
export async function claimJob(
  ctx: ServiceContext,
  input: { type: string; idempotencyKey: string; jobId?: string },
): Promise<Claim> {
  return withTenantTx(ctx, async (tx) => {
    const [claimed] = await tx
      .insert(jobs)
      .values({
        ...(input.jobId ? { id: input.jobId } : {}),
        tenantId: ctx.tenant.id,
        type: input.type,
        idempotencyKey: input.idempotencyKey,
        status: "running",
      })
      .onConflictDoUpdate({
        target: [jobs.tenantId, jobs.idempotencyKey],
        set: { status: "running", error: null, updatedAt: sql`now()` },
        setWhere: sql`${jobs.status} = 'queued' or (${jobs.status} = 'running' and ${jobs.updatedAt} < now() - ${LEASE})`,
      })
      .returning({ id: jobs.id });
    if (claimed) return { kind: "claimed", jobId: claimed.id } as const;
    const [row] = await tx
      .select({ id: jobs.id, status: jobs.status })
      .from(jobs)
      .where(and(eq(jobs.tenantId, ctx.tenant.id), eq(jobs.idempotencyKey, input.idempotencyKey)))
      .limit(1);
    if (!row) throw new Error(`job ${input.idempotencyKey} vanished while being claimed`);
    if (row.status === "succeeded") return { kind: "done", jobId: row.id } as const;
    if (row.status === "failed") return { kind: "failed", jobId: row.id } as const;
    return { kind: "busy", jobId: row.id } as const;
  });
}

/** Ends a claimed run: `succeeded` (progress 100, result) or back to `queued`/`failed` with the error. */
export async function finishJob(
  ctx: ServiceContext,
  jobId: string,
  end: { status: "succeeded"; result?: unknown } | { status: "queued" | "failed"; error: string },
): Promise<void> {
  await withTenantTx(ctx, async (tx, txCtx) => {
    const patch =
      end.status === "succeeded"
        ? { status: end.status, progress: 100, result: end.result ?? null, error: null }
        : { status: end.status, error: end.error.slice(0, 2000) };
    await tx
      .update(jobs)
      .set(patch)
      .where(and(eq(jobs.tenantId, ctx.tenant.id), eq(jobs.id, jobId)));
    if (end.status === "queued") return; // a retry is coming: not a state anyone needs to hear about
    await recordChange(tx, txCtx, {
      tenantId: ctx.tenant.id,
      action: end.status === "succeeded" ? "complete" : "fail",
      entityType: "job",
      entityId: jobId,
      changes: { status: end.status, ...(end.status === "failed" ? { error: end.error.slice(0, 500) } : {}) },
    });
  });
}

/**
 * The handle a long job reports progress through. Each call commits `jobs.progress` and an outbox
 * event `job.progress`, and publishes it at once, so watchers see it live, not when the job ends.
 * Progress is not audited (it is not a change anyone made), hence the outbox row without
 * `recordChange`'s audit row.
 */
export function trackedJob(ctx: ServiceContext, publisher: EventPublisher, jobId: string, type: string): TrackedJob {
  return {
    id: jobId,
    async progress(percent, detail) {
      const progress = Math.max(0, Math.min(100, Math.round(percent)));
      const data = { jobId, type, progress, ...detail };
      const event = await withTenantTx(ctx, async (tx) => {
        await tx
          .update(jobs)
          .set({ progress })
          .where(and(eq(jobs.tenantId, ctx.tenant.id), eq(jobs.id, jobId)));
        const [row] = await tx
          .insert(domainEvents)
          .values({ tenantId: ctx.tenant.id, entityType: "job", entityId: jobId, action: "progress", data })
          .returning({ id: domainEvents.id, createdAt: domainEvents.createdAt });
        return row;
      });
      if (!event) return;
      await publisher.publish([
        {
          id: event.id,
          tenantId: ctx.tenant.id,
          type: "job.progress",
          entityType: "job",
          entityId: jobId,
          action: "progress",
          actorId: actorUserId(ctx.actor),
          data,
          createdAt: event.createdAt.toISOString(),
        },
      ]);
    },
  };
}
