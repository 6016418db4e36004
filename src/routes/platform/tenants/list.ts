import { createRoute } from "@hono/zod-openapi";
import type { AppOpenAPI } from "../../../env";
import { openApiErrorResponses } from "../../../errors/openapi-responses";
import { listTenants } from "../../../services/tenants/list";
import { jsonContent } from "../../shared";
import { platformContext } from "../context";
import { ListTenantsQuery, TenantListSchema } from "./schema";

export const listTenantsRoute = createRoute({
  method: "get",
  path: "/",
  tags: ["Platform"],
  summary: "List tenants",
  security: [{ platformKey: [] }],
  request: { query: ListTenantsQuery },
  responses: { 200: jsonContent(TenantListSchema, "A page of tenants"), ...openApiErrorResponses },
});

export function registerListTenants(app: AppOpenAPI) {
  app.openapi(listTenantsRoute, async (c) => c.json(await listTenants(platformContext(c), c.req.valid("query")), 200));
}
