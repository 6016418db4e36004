import { cors } from "hono/cors";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";

/**
 * CORS for the browser origins in `CORS_ORIGINS` (comma-separated; `*` allows any). The default is
 * none: the API is then reachable cross-origin only from non-browser clients. No credentials mode:
 * tokens travel in the Authorization header, never in cookies.
 *
 * @example
 * app.use("*", corsFromConfig());
 */
export function corsFromConfig() {
  return createMiddleware<AppEnv>(async function corsMiddleware(c, next) {
    const allowed = c.get("config").CORS_ORIGINS;
    if (allowed.length === 0) return next();
    return cors({
      origin: (origin) => (allowed.includes("*") ? "*" : allowed.includes(origin) ? origin : null),
      allowMethods: ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"],
      allowHeaders: ["Authorization", "Content-Type", "X-Tenant-ID", "X-Request-Id"],
      exposeHeaders: ["X-Request-Id", "Retry-After", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"],
      maxAge: 600,
    })(c, next);
  });
}
