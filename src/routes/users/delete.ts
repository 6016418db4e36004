import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { deactivateUser } from "../../services/users/deactivate";
import { serviceContext, sessionDeps } from "../context";
import { tenantRoute } from "../tenant-route";
import { UserIdParams } from "./schema";

export const deactivateUserRoute = tenantRoute({
  method: "delete",
  path: "/{id}",
  tags: ["Users"],
  summary: "Deactivate a user (the account stays for the record; it can no longer sign in)",
  description: "The user's tokens stop working at once. The tenant's last active admin cannot be deactivated (409).",
  permission: "users:write",
  request: { params: UserIdParams },
  responses: { 204: { description: "Deactivated" }, ...openApiErrorResponses },
});

export function registerDeactivateUser(app: AppOpenAPI) {
  app.openapi(deactivateUserRoute, async (c) => {
    await deactivateUser(serviceContext(c), c.req.valid("param").id, sessionDeps(c));
    return c.body(null, 204);
  });
}
