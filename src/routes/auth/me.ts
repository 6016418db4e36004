import { createRoute } from "@hono/zod-openapi";
import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { getMe } from "../../services/auth/me";
import { serviceContext } from "../context";
import { jsonContent } from "../shared";
import { UserSchema } from "./schema";

export const meRoute = createRoute({
  method: "get",
  path: "/",
  tags: ["Auth"],
  summary: "The signed-in user",
  security: [{ bearerAuth: [] }],
  responses: { 200: jsonContent(UserSchema, "The current user"), ...openApiErrorResponses },
});

export function registerMe(app: AppOpenAPI) {
  app.openapi(meRoute, async (c) => c.json(await getMe(serviceContext(c)), 200));
}
