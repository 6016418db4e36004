import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { getUser } from "../../services/users/get";
import { serviceContext } from "../context";
import { jsonContent } from "../shared";
import { tenantRoute } from "../tenant-route";
import { UserIdParams, UserSchema } from "./schema";

export const getUserRoute = tenantRoute({
  method: "get",
  path: "/{id}",
  tags: ["Users"],
  summary: "Get a user",
  permission: "users:read",
  request: { params: UserIdParams },
  responses: { 200: jsonContent(UserSchema, "The user"), ...openApiErrorResponses },
});

export function registerGetUser(app: AppOpenAPI) {
  app.openapi(getUserRoute, async (c) => c.json(await getUser(serviceContext(c), c.req.valid("param").id), 200));
}
