import { createMiddleware } from "hono/factory";
import { rlsCheck } from "../db/rls-guard";
import type { AppEnv } from "../env";
import { ApiError } from "../errors/api-error";

/** Paths that are not tenant requests: they never use the `DATABASE_URL` role (or, /health, check it themselves). */
const NOT_TENANT = /^\/api\/v1\/(health|docs|openapi\.json|platform)(\/|$)/;

/**
 * Refuses every tenant request with 503 while the `DATABASE_URL` role bypasses row-level security
 * (src/db/rls-guard.ts): better no service than one wall between tenants instead of two. The check
 * runs once per isolate (cached); /health re-runs it and reports the reason.
 */
export function requireRlsEnforced() {
  return createMiddleware<AppEnv>(async function requireRlsMiddleware(c, next) {
    if (NOT_TENANT.test(c.req.path)) return next();
    const dbs = c.get("dbs");
    let check: Awaited<ReturnType<typeof rlsCheck>>;
    try {
      check = await rlsCheck(c.get("config").DATABASE_URL, () => dbs.app(), c.get("log"));
    } catch (err) {
      c.get("log").warn("row-level security check failed: database unreachable", { err });
      throw new ApiError("SERVICE_UNAVAILABLE", "Database unreachable", { database: "unreachable" });
    }
    if (!check.enforced) {
      throw new ApiError(
        "SERVICE_UNAVAILABLE",
        "Tenant requests are refused: the API's database role bypasses row-level security (see /api/v1/health)",
        { reason: "RLS_BYPASSED" },
      );
    }
    await next();
  });
}
