import type { Tx } from "../../db/client";
import { auditLogs } from "../../db/schema";
import { isSecretKey } from "../../lib/secret-keys";
import type { Actor } from "../context";
import { actorUserId } from "../context";

export type AuditAction = "create" | "update" | "delete" | (string & {});

/** Request metadata an audit row carries; services get it from their context. */
export interface AuditMeta {
  actor: Actor;
  requestId?: string;
  ip?: string;
  userAgent?: string;
}

export interface AuditEntry {
  tenantId: string;
  action: AuditAction;
  entityType: string;
  entityId: string;
  /** `{ field: { old, new } }` for updates, the created/deleted record otherwise. Secrets are redacted here. */
  changes?: unknown;
}

/** Writes one audit row inside the caller's transaction, so the change and its record commit together. */
export async function recordAudit(tx: Tx, meta: AuditMeta, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLogs).values({
    tenantId: entry.tenantId,
    userId: actorUserId(meta.actor),
    actorType: meta.actor.type === "anonymous" ? "system" : meta.actor.type,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    changes: redact(entry.changes ?? null),
    ipAddress: meta.ip ?? null,
    userAgent: meta.userAgent ?? null,
    requestId: meta.requestId ?? null,
  });
}

/**
 * Replaces the value of every secret-looking key (src/lib/secret-keys.ts, the hub's test too), at
 * any depth, with "[redacted]": the audit row still shows that a secret changed, never its value.
 */
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return value.toString();
  if (value && typeof value === "object") {
    // `fromEntries` defines own properties: `out[k] = …` with k = "__proto__" would set the copy's
    // prototype instead, and the key would vanish from the audit row.
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, isSecretKey(k) ? "[redacted]" : redact(v)]));
  }
  return value;
}

/** `{ field: { old, new } }` for the fields whose value changed. */
export function diff<T extends Record<string, unknown>>(
  before: T,
  after: Partial<T>,
): Record<string, { old: unknown; new: unknown }> {
  const out: Record<string, { old: unknown; new: unknown }> = {};
  for (const [k, v] of Object.entries(after)) {
    const old = before[k];
    const same =
      old instanceof Date && v instanceof Date
        ? old.getTime() === v.getTime()
        : JSON.stringify(old) === JSON.stringify(v);
    if (!same) out[k] = { old, new: v };
  }
  return out;
}
