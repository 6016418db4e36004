import { createRoute } from "@hono/zod-openapi";
import type { AppContext, AppOpenAPI } from "../../env";
import { ApiError } from "../../errors/api-error";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { logout } from "../../services/auth/logout";
import { refresh } from "../../services/auth/refresh";
import { tokenSettings } from "../../services/auth/token-settings";
import { parseRefreshToken } from "../../services/auth/tokens";
import type { ServiceContext } from "../../services/context";
import { findTenantByRef } from "../../services/tenants/resolve";
import { clientInfo, jsonBody, jsonContent } from "../shared";
import { RefreshTokenBody, TokenPairSchema } from "./schema";

export const refreshRoute = createRoute({
  method: "post",
  path: "/refresh",
  tags: ["Auth"],
  summary: "Exchange a refresh token for a new token pair (the old refresh token stops working)",
  request: { body: jsonBody(RefreshTokenBody) },
  responses: { 200: jsonContent(TokenPairSchema, "A new token pair"), ...openApiErrorResponses },
});

export const logoutRoute = createRoute({
  method: "post",
  path: "/logout",
  tags: ["Auth"],
  summary: "End the session of a refresh token",
  request: { body: jsonBody(RefreshTokenBody) },
  responses: { 204: { description: "Signed out" }, ...openApiErrorResponses },
});

/** The refresh token names its tenant; the session's tenant must still exist and be active. */
async function contextOfToken(c: AppContext, token: string): Promise<ServiceContext> {
  const parsed = parseRefreshToken(token);
  const invalid = new ApiError("UNAUTHORIZED", "Invalid or expired refresh token");
  if (!parsed) throw invalid;
  const db = c.get("dbs").app();
  const tenant = await findTenantByRef(db, parsed.tenantId);
  if (!tenant) throw invalid;
  if (!tenant.isActive) throw new ApiError("FORBIDDEN", `Tenant "${tenant.slug}" is deactivated`);
  return { tenant, actor: { type: "anonymous" }, db, requestId: c.get("requestId"), ...clientInfo(c.req) };
}

export function registerRefresh(app: AppOpenAPI) {
  app.openapi(refreshRoute, async (c) => {
    const { refresh_token } = c.req.valid("json");
    const ctx = await contextOfToken(c, refresh_token);
    return c.json(await refresh(ctx, tokenSettings(c.get("config")), refresh_token), 200);
  });
  app.openapi(logoutRoute, async (c) => {
    const { refresh_token } = c.req.valid("json");
    if (parseRefreshToken(refresh_token)) await logout(await contextOfToken(c, refresh_token), refresh_token);
    return c.body(null, 204);
  });
}
