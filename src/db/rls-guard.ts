import { sql } from "drizzle-orm";
import type { Logger } from "../lib/logger";
import type { Db } from "./client";

/**
 * Row-level security is the second wall between tenants, and Postgres silently skips it for a
 * superuser, a role with BYPASSRLS, and (after `SET ROLE`, or by inheritance of privileges) for a
 * member of one — on Neon every role made in the console is a member of `neon_superuser`, which has
 * BYPASSRLS. This checks the login role of `DATABASE_URL` (the tenant request path) for all three.
 */
export interface RlsCheck {
  enforced: boolean;
  /** Why not, without role names (they go to the log only). */
  reason?: string;
  /** The offending roles (the login itself or roles it belongs to, directly or transitively). */
  roles?: { name: string; superuser: boolean; bypassRls: boolean; self: boolean }[];
}

/**
 * `pg_has_role(…, 'MEMBER')` follows memberships transitively, whatever their INHERIT/SET options,
 * and is true for the role itself.
 */
export async function checkRlsEnforced(db: Db): Promise<RlsCheck> {
  const { rows } = await db.execute<{ name: string; superuser: boolean; bypass_rls: boolean; self: boolean }>(sql`
    select r.rolname as name, r.rolsuper as superuser, r.rolbypassrls as bypass_rls,
           r.rolname = session_user as self
    from pg_catalog.pg_roles r
    where (r.rolsuper or r.rolbypassrls)
      and pg_catalog.pg_has_role(session_user, r.oid, 'MEMBER')
    order by r.rolname`);
  if (rows.length === 0) return { enforced: true };
  const roles = rows.map((r) => ({ name: r.name, superuser: r.superuser, bypassRls: r.bypass_rls, self: r.self }));
  const own = roles.find((r) => r.self);
  const reason = own
    ? `the database role of DATABASE_URL is ${own.superuser ? "a superuser" : "BYPASSRLS"}, so row-level security does not apply to it`
    : "the database role of DATABASE_URL is a member of a superuser or BYPASSRLS role, so row-level security may not apply to it";
  return { enforced: false, reason, roles };
}

/** Per isolate, per DATABASE_URL: the first tenant request checks, later ones reuse the answer. */
const checks = new Map<string, Promise<RlsCheck>>();
/** URLs whose failed check was logged in this isolate (once each). */
const logged = new Set<string>();

/**
 * The cached check of this `DATABASE_URL`, run on first use; `fresh` re-runs it (`/health`). A
 * check that could not run (database unreachable) is not cached, so the next request tries again.
 */
export function rlsCheck(url: string, db: () => Db, log: Logger, opts: { fresh?: boolean } = {}): Promise<RlsCheck> {
  let pending = opts.fresh ? undefined : checks.get(url);
  if (!pending) {
    pending = checkRlsEnforced(db()).then((result) => {
      if (!result.enforced && !logged.has(url)) {
        logged.add(url);
        log.error("row-level security is bypassed: tenant requests are refused with 503", {
          reason: result.reason,
          roles: result.roles,
        });
      }
      if (result.enforced) logged.delete(url);
      return result;
    });
    checks.set(url, pending);
    pending.catch(() => {
      if (checks.get(url) === pending) checks.delete(url);
    });
  }
  return pending;
}
