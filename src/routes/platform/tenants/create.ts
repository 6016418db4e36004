import { createRoute } from "@hono/zod-openapi";
import type { AppOpenAPI } from "../../../env";
import { openApiErrorResponses } from "../../../errors/openapi-responses";
import { createTenant } from "../../../services/tenants/create";
import { jsonBody, jsonContent } from "../../shared";
import { platformContext } from "../context";
import { CreatedTenantSchema, CreateTenantBody } from "./schema";

export const createTenantRoute = createRoute({
  method: "post",
  path: "/",
  tags: ["Platform"],
  summary: "Create a tenant (an ISP) and its first admin user",
  security: [{ platformKey: [] }],
  request: { body: jsonBody(CreateTenantBody) },
  responses: {
    201: jsonContent(CreatedTenantSchema, "Tenant and admin created"),
    ...openApiErrorResponses,
  },
});

export function registerCreateTenant(app: AppOpenAPI) {
  app.openapi(createTenantRoute, async (c) => {
    const created = await createTenant(platformContext(c), c.req.valid("json"));
    c.get("log").info("tenant created", { tenantId: created.tenant.id, slug: created.tenant.slug });
    return c.json(created, 201);
  });
}
