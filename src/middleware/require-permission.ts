import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";
import { ApiError } from "../errors/api-error";
import { actorCan, type Permission } from "../services/permissions";

/** Route-level half of the permission check (services repeat it). Runs after `authenticate`. */
export function requirePermission(permission: Permission) {
  return createMiddleware<AppEnv>(async function requirePermissionMiddleware(c, next) {
    const actor = c.get("actor");
    if (!actor) throw new ApiError("UNAUTHORIZED", "Authentication required");
    if (!actorCan(actor, permission)) {
      throw new ApiError("FORBIDDEN", `Your role may not ${permission.replace(":", " ")}`);
    }
    await next();
  });
}
