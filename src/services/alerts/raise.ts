import { and, eq, ne, sql } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { type ALERT_SEVERITIES, type ALERT_TYPES, type Alert, alerts } from "../../db/schema";
import { diff } from "../audit/record";
import type { ServiceContext } from "../context";
import { recordChange } from "../events/record";
import { type AlertView, toAlertView } from "./internal";

export interface RaiseAlertInput {
  type: (typeof ALERT_TYPES)[number];
  severity: (typeof ALERT_SEVERITIES)[number];
  /** What the alert is about, e.g. `device`, `router`, `infrastructure_item`; `tenant` for the tenant as a whole. */
  entityType: string;
  /** Its id (the tenant id for `tenant`): one unresolved alert per (type, entity). */
  entityId: string;
  message: string;
  data?: Record<string, unknown>;
}

export interface RaiseAlertOptions {
  /**
   * When an unresolved alert already exists and its severity, message or data differ from the new
   * ones, update it (audited as `alert.update`) instead of leaving the first reading: a stock that
   * keeps falling must not keep showing its first count and severity. Off by default, so detectors
   * whose data changes on every run (timestamps) do not rewrite their alert each time.
   */
  refresh?: boolean;
}

/**
 * Raises an alert inside the caller's transaction, unless one of the same type for the same entity
 * is still unresolved (open or acknowledged): then that one is returned and nothing is written
 * (with `refresh`, it is brought up to date first; its status and acknowledgement are kept). The
 * partial unique index decides, so concurrent detectors raise one alert, not two. A new alert
 * emits `alert.create` through recordChange (audit row + event). No permission check here: raising
 * is a consequence of a write or job the caller was already allowed to do. Pass the context that
 * `withTenantTx` hands to its callback, so the event is held back until the commit.
 */
export async function raiseAlert(
  tx: Tx,
  ctx: ServiceContext,
  input: RaiseAlertInput,
  opts: RaiseAlertOptions = {},
): Promise<{ alert: AlertView; created: boolean }> {
  const tenantId = ctx.tenant.id;
  const [row] = await tx
    .insert(alerts)
    .values({ tenantId, ...input, data: input.data ?? null })
    .onConflictDoNothing({
      target: [alerts.tenantId, alerts.type, alerts.entityId],
      where: sql`status <> 'resolved'`,
    })
    .returning();
  if (row) {
    const alert = toAlertView(row);
    await recordChange(tx, ctx, { tenantId, action: "create", entityType: "alert", entityId: row.id, changes: alert });
    return { alert, created: true };
  }
  const existing = await lockOpenAlert(tx, tenantId, input.type, input.entityId);
  if (!existing) throw new Error("alert insert conflicted but no unresolved alert was found");
  if (!opts.refresh) return { alert: toAlertView(existing), created: false };
  return { alert: await refreshAlert(tx, ctx, existing, input), created: false };
}

/** The unresolved alert of `type` about `entityId` (at most one: a partial unique index), row-locked. */
async function lockOpenAlert(
  tx: Tx,
  tenantId: string,
  type: RaiseAlertInput["type"],
  entityId: string,
): Promise<Alert | undefined> {
  const [open] = await tx
    .select()
    .from(alerts)
    .where(
      and(
        eq(alerts.tenantId, tenantId),
        eq(alerts.type, type),
        eq(alerts.entityId, entityId),
        ne(alerts.status, "resolved"),
      ),
    )
    .limit(1)
    .for("update");
  return open;
}

/** JSON equality that ignores key order (jsonb does not keep it). */
function sameJson(a: unknown, b: unknown): boolean {
  const canon = (v: unknown): unknown =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v)
            .sort(([x], [y]) => x.localeCompare(y))
            .map(([k, x]) => [k, canon(x)]),
        )
      : Array.isArray(v)
        ? v.map(canon)
        : v;
  return JSON.stringify(canon(a ?? null)) === JSON.stringify(canon(b ?? null));
}

async function refreshAlert(tx: Tx, ctx: ServiceContext, before: Alert, input: RaiseAlertInput): Promise<AlertView> {
  const next = { severity: input.severity, message: input.message, data: input.data ?? null };
  if (before.severity === next.severity && before.message === next.message && sameJson(before.data, next.data)) {
    return toAlertView(before);
  }
  const [row] = await tx
    .update(alerts)
    .set(next)
    .where(and(eq(alerts.tenantId, before.tenantId), eq(alerts.id, before.id)))
    .returning();
  if (!row) throw new Error("update returned no alert");
  await recordChange(tx, ctx, {
    tenantId: before.tenantId,
    action: "update",
    entityType: "alert",
    entityId: before.id,
    changes: diff(before, next),
  });
  return toAlertView(row);
}

/**
 * Resolves the unresolved alert of this type for this entity, if any (the condition cleared: stock
 * refilled, device back online). Emits `alert.resolve`. Returns the resolved alert or null.
 */
export async function resolveAlertFor(
  tx: Tx,
  ctx: ServiceContext,
  target: { type: RaiseAlertInput["type"]; entityId: string },
  now: Date = new Date(),
): Promise<AlertView | null> {
  const open = await lockOpenAlert(tx, ctx.tenant.id, target.type, target.entityId);
  if (!open) return null;
  return markResolved(tx, ctx, open, now, true);
}

/** Sets an unresolved alert resolved and records it (`alert.resolve`); `automatic` says no person did it. */
export async function markResolved(
  tx: Tx,
  ctx: ServiceContext,
  before: Alert,
  now: Date,
  automatic: boolean,
): Promise<AlertView> {
  const [row] = await tx
    .update(alerts)
    .set({ status: "resolved", resolvedAt: now })
    .where(and(eq(alerts.tenantId, before.tenantId), eq(alerts.id, before.id)))
    .returning();
  if (!row) throw new Error("update returned no alert");
  await recordChange(tx, ctx, {
    tenantId: before.tenantId,
    action: "resolve",
    entityType: "alert",
    entityId: before.id,
    changes: { ...diff(before, { status: row.status, resolvedAt: row.resolvedAt }), automatic },
  });
  return toAlertView(row);
}
