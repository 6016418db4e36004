import { createRoute, z } from "@hono/zod-openapi";
import { createPublicTenantRouter } from "../../app";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { jsonContent } from "../shared";

export const CurrentTenantSchema = z
  .object({
    id: z.uuid(),
    slug: z.string().openapi({ example: "warungnet" }),
    name: z.string().openapi({ example: "Warung Net Cibubur" }),
    timezone: z.string().openapi({ example: "Asia/Jakarta" }),
    locale: z.string().openapi({ example: "id" }),
  })
  .openapi("CurrentTenant");

export const getCurrentTenantRoute = createRoute({
  method: "get",
  path: "/",
  tags: ["Tenant"],
  summary: "The tenant this request resolves to (subdomain or X-Tenant-ID)",
  responses: { 200: jsonContent(CurrentTenantSchema, "The current tenant"), ...openApiErrorResponses },
});

/** `/api/v1/tenant`: what the tenant resolution made of this request. */
export function currentTenantRouter() {
  const app = createPublicTenantRouter();
  app.openapi(getCurrentTenantRoute, (c) => {
    const { id, slug, name, timezone, locale } = c.get("tenant");
    return c.json({ id, slug, name, timezone, locale }, 200);
  });
  return app;
}
