import { createRoute } from "@hono/zod-openapi";
import type { AppOpenAPI } from "../../../env";
import { openApiErrorResponses } from "../../../errors/openapi-responses";
import { updateTenant } from "../../../services/tenants/update";
import { jsonBody, jsonContent } from "../../shared";
import { platformContext, tenantDeps } from "../context";
import { TenantIdParams, TenantSchema, UpdateTenantBody } from "./schema";

export const updateTenantRoute = createRoute({
  method: "patch",
  path: "/{id}",
  tags: ["Platform"],
  summary: "Update a tenant (rename, time zone, language, activate or deactivate)",
  security: [{ platformKey: [] }],
  request: { params: TenantIdParams, body: jsonBody(UpdateTenantBody) },
  responses: { 200: jsonContent(TenantSchema, "The updated tenant"), ...openApiErrorResponses },
});

export function registerUpdateTenant(app: AppOpenAPI) {
  app.openapi(updateTenantRoute, async (c) =>
    c.json(await updateTenant(platformContext(c), c.req.valid("param").id, c.req.valid("json"), tenantDeps(c)), 200),
  );
}
