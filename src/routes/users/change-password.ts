import { createRoute } from "@hono/zod-openapi";
import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { noteFailedLogin } from "../../middleware/rate-limit";
import { changeOwnPassword, WrongCurrentPasswordError } from "../../services/users/change-password";
import { serviceContext, sessionDeps } from "../context";
import { jsonBody } from "../shared";
import { ChangePasswordBody } from "./schema";

/**
 * Not a `tenantRoute`: changing one's own password needs no permission, only a signed-in user
 * (the router authenticates), so it carries no `x-permission`.
 */
export const changePasswordRoute = createRoute({
  method: "post",
  path: "/me/password",
  tags: ["Users"],
  summary: "Change your own password",
  description:
    "Any signed-in user. Every access token issued before the change stops working and every refresh " +
    "token is revoked: all sessions end, sign in again with the new password. A wrong current password is a 400, " +
    "and counts as a failed sign-in from the client's address (repeated ones block it, as failed logins do).",
  security: [{ bearerAuth: [] }],
  request: { body: jsonBody(ChangePasswordBody) },
  responses: { 204: { description: "Password changed" }, ...openApiErrorResponses },
});

export function registerChangePassword(app: AppOpenAPI) {
  app.openapi(changePasswordRoute, async (c) => {
    try {
      await changeOwnPassword(serviceContext(c), c.req.valid("json"), sessionDeps(c));
    } catch (err) {
      // A stolen access token must not be a password oracle at the per-user rate (100/min).
      if (err instanceof WrongCurrentPasswordError) await noteFailedLogin(c, c.get("tenant").id, err.email);
      throw err;
    }
    return c.body(null, 204);
  });
}
