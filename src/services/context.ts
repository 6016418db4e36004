import { sql } from "drizzle-orm";
import type { Db, Tx } from "../db/client";
import type { SecretBox } from "../lib/secrets";
import type { DomainEventView, EventSink } from "./events/record";

export const ROLES = ["admin", "operator", "technician", "viewer"] as const;
export type Role = (typeof ROLES)[number];

/** The tenant a request or job acts for, as resolved from subdomain, header or token. */
export interface TenantInfo {
  id: string;
  slug: string;
  name: string;
  timezone: string;
  locale: string;
  isActive: boolean;
}

/** Who is acting. Every audit row and permission check starts here. */
export type Actor =
  | { type: "user"; userId: string; role: Role }
  | { type: "platform" }
  | { type: "system"; job: string }
  | { type: "connector"; connectorId: string }
  | { type: "anonymous" };

/**
 * What every service function receives: the tenant, the actor, the row-level-security database
 * handle and request metadata for the audit log. Services never see HTTP.
 */
export interface ServiceContext {
  tenant: TenantInfo;
  actor: Actor;
  db: Db;
  requestId?: string;
  ip?: string;
  userAgent?: string;
  /** Set inside `withTenantTx`, so nested service calls join the outer transaction. */
  tx?: Tx;
  /** Collects the events of committed writes for delivery after the response (see events/record.ts). */
  events?: EventSink;
  /** Encrypts/decrypts secrets at rest (AES-256-GCM key from `ENCRYPTION_KEY`). */
  secrets?: SecretBox;
}

/**
 * Runs `fn` in a transaction scoped to the context's tenant: `app.tenant_id` is set for Postgres
 * row-level security, so even a query that forgot its tenant filter sees only this tenant's rows.
 * Reuses an outer transaction when called from inside one.
 */
export async function withTenantTx<T>(
  ctx: ServiceContext,
  fn: (tx: Tx, ctx: ServiceContext) => Promise<T>,
): Promise<T> {
  if (ctx.tx) return fn(ctx.tx, ctx);
  // Events recorded inside are held back until the commit: a rolled-back write announces nothing.
  const pending: DomainEventView[] = [];
  const result = await ctx.db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('app.tenant_id', ${ctx.tenant.id}, true)`);
    return fn(tx, { ...ctx, tx, events: { push: (e) => pending.push(e) } });
  });
  for (const e of pending) ctx.events?.push(e);
  return result;
}

/** The id recorded as `user_id` in audit rows: users only; other actors are named by `actor_type`. */
export function actorUserId(actor: Actor): string | null {
  return actor.type === "user" ? actor.userId : null;
}
