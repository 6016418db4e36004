import { createRoute, type RouteConfig } from "@hono/zod-openapi";
import { requirePermission } from "../middleware/require-permission";
import type { Permission } from "../services/permissions";

/**
 * `createRoute` for an authenticated tenant route: documents the bearer scheme and the permission
 * (as the `x-permission` extension, which the RBAC property test reads back from the OpenAPI
 * document), and installs the route-level permission check.
 */
export function tenantRoute<const R extends Omit<RouteConfig, "security" | "middleware">>(
  config: R & { permission: Permission },
) {
  const { permission, ...rest } = config;
  return createRoute({
    ...rest,
    security: [{ bearerAuth: [] }],
    middleware: [requirePermission(permission)] as const,
    "x-permission": permission,
  });
}
