import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { listUsers } from "../../services/users/list";
import { serviceContext } from "../context";
import { jsonContent } from "../shared";
import { tenantRoute } from "../tenant-route";
import { ListUsersQuery, UserListSchema } from "./schema";

export const listUsersRoute = tenantRoute({
  method: "get",
  path: "/",
  tags: ["Users"],
  summary: "List the tenant's users",
  permission: "users:read",
  request: { query: ListUsersQuery },
  responses: { 200: jsonContent(UserListSchema, "A page of users"), ...openApiErrorResponses },
});

export function registerListUsers(app: AppOpenAPI) {
  app.openapi(listUsersRoute, async (c) => c.json(await listUsers(serviceContext(c), c.req.valid("query")), 200));
}
