import { createRoute } from "@hono/zod-openapi";
import type { AppOpenAPI } from "../../../env";
import { openApiErrorResponses } from "../../../errors/openapi-responses";
import { deleteTenant } from "../../../services/tenants/remove";
import { platformContext, tenantDeps } from "../context";
import { TenantIdParams } from "./schema";

export const deleteTenantRoute = createRoute({
  method: "delete",
  path: "/{id}",
  tags: ["Platform"],
  summary: "Delete a tenant and all of its data (irreversible)",
  security: [{ platformKey: [] }],
  request: { params: TenantIdParams },
  responses: { 204: { description: "Deleted" }, ...openApiErrorResponses },
});

export function registerDeleteTenant(app: AppOpenAPI) {
  app.openapi(deleteTenantRoute, async (c) => {
    const { id } = c.req.valid("param");
    await deleteTenant(platformContext(c), id, tenantDeps(c));
    c.get("log").info("tenant purged", { tenantId: id });
    return c.body(null, 204);
  });
}
