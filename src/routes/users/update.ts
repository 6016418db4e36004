import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { updateUser } from "../../services/users/update";
import { serviceContext, sessionDeps } from "../context";
import { jsonBody, jsonContent } from "../shared";
import { tenantRoute } from "../tenant-route";
import { UpdateUserBody, UserIdParams, UserSchema } from "./schema";

export const updateUserRoute = tenantRoute({
  method: "patch",
  path: "/{id}",
  tags: ["Users"],
  summary: "Rename, change the role of, or (de)activate a user",
  description:
    "Takes effect on the user's next request. The tenant's last active admin cannot be demoted or deactivated (409).",
  permission: "users:write",
  request: { params: UserIdParams, body: jsonBody(UpdateUserBody) },
  responses: { 200: jsonContent(UserSchema, "The updated user"), ...openApiErrorResponses },
});

export function registerUpdateUser(app: AppOpenAPI) {
  app.openapi(updateUserRoute, async (c) =>
    c.json(await updateUser(serviceContext(c), c.req.valid("param").id, c.req.valid("json"), sessionDeps(c)), 200),
  );
}
