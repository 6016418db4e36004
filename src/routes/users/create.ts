import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { createUser } from "../../services/users/create";
import { serviceContext } from "../context";
import { jsonBody, jsonContent } from "../shared";
import { tenantRoute } from "../tenant-route";
import { CreateUserBody, UserSchema } from "./schema";

export const createUserRoute = tenantRoute({
  method: "post",
  path: "/",
  tags: ["Users"],
  summary: "Add a staff account (email unique within the tenant)",
  permission: "users:write",
  request: { body: jsonBody(CreateUserBody) },
  responses: { 201: jsonContent(UserSchema, "The new user"), ...openApiErrorResponses },
});

export function registerCreateUser(app: AppOpenAPI) {
  app.openapi(createUserRoute, async (c) => c.json(await createUser(serviceContext(c), c.req.valid("json")), 201));
}
