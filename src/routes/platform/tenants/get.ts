import { createRoute } from "@hono/zod-openapi";
import type { AppOpenAPI } from "../../../env";
import { openApiErrorResponses } from "../../../errors/openapi-responses";
import { getTenant } from "../../../services/tenants/get";
import { jsonContent } from "../../shared";
import { platformContext } from "../context";
import { TenantIdParams, TenantSchema } from "./schema";

export const getTenantRoute = createRoute({
  method: "get",
  path: "/{id}",
  tags: ["Platform"],
  summary: "Get a tenant",
  security: [{ platformKey: [] }],
  request: { params: TenantIdParams },
  responses: { 200: jsonContent(TenantSchema, "The tenant"), ...openApiErrorResponses },
});

export function registerGetTenant(app: AppOpenAPI) {
  app.openapi(getTenantRoute, async (c) => c.json(await getTenant(platformContext(c), c.req.valid("param").id), 200));
}
