import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { createMikrotikRouter } from "../../services/routers/create";
import { serviceContext } from "../context";
import { jsonBody, jsonContent } from "../shared";
import { tenantRoute } from "../tenant-route";
import { CreateRouterBody, RouterSchema } from "./schema";

export const createRouterRoute = tenantRoute({
  method: "post",
  path: "/",
  tags: ["Routers"],
  summary:
    "Register a MikroTik router (host: IP or DNS name; name unique; the password is stored encrypted, never returned)",
  permission: "routers:write",
  request: { body: jsonBody(CreateRouterBody) },
  responses: { 201: jsonContent(RouterSchema, "The created router"), ...openApiErrorResponses },
});

export function registerCreateRouter(app: AppOpenAPI) {
  app.openapi(createRouterRoute, async (c) =>
    c.json(await createMikrotikRouter(serviceContext(c), c.req.valid("json")), 201),
  );
}
