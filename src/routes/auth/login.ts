import { createRoute } from "@hono/zod-openapi";
import type { AppOpenAPI } from "../../env";
import { ApiError } from "../../errors/api-error";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { accountSignedIn, beginAccountAttempt } from "../../middleware/login-throttle";
import { noteFailedLogin, rateLimitLogin } from "../../middleware/rate-limit";
import { subdomainSlug } from "../../middleware/tenant";
import { login } from "../../services/auth/login";
import { tokenSettings } from "../../services/auth/token-settings";
import { UnauthorizedError } from "../../services/errors";
import { findTenantByRef } from "../../services/tenants/resolve";
import { clientInfo, jsonBody, jsonContent } from "../shared";
import { LoginBody, LoginResponseSchema } from "./schema";

export const loginRoute = createRoute({
  method: "post",
  path: "/login",
  tags: ["Auth"],
  summary: "Sign in with email and password",
  description:
    "The tenant comes from the subdomain, the X-Tenant-ID header, or the `tenant` field (in that order). " +
    "Limited to RATE_LIMIT_LOGIN_PER_MINUTE attempts per client address (429 beyond); failed sign-ins " +
    "against many accounts from one address block that address for a while. ACCOUNT_LOGIN_ATTEMPTS attempts on " +
    "one account (from any addresses, whether or not the email exists) without a successful one lock its " +
    "sign-ins for ACCOUNT_LOCK_SECONDS, doubling per repeat up to ACCOUNT_LOCK_MAX_SECONDS (429 + Retry-After).",
  middleware: [rateLimitLogin()] as const,
  request: { body: jsonBody(LoginBody) },
  responses: { 200: jsonContent(LoginResponseSchema, "Signed in"), ...openApiErrorResponses },
});

export function registerLogin(app: AppOpenAPI) {
  app.openapi(loginRoute, async (c) => {
    const body = c.req.valid("json");
    const config = c.get("config");
    const ref =
      subdomainSlug(new URL(c.req.url).hostname, config.BASE_DOMAIN) ??
      c.req.header("x-tenant-id")?.trim() ??
      body.tenant;
    if (!ref)
      throw new ApiError("VALIDATION_ERROR", "No tenant given: use the subdomain, X-Tenant-ID or the tenant field");
    const db = c.get("dbs").app();
    const tenant = await findTenantByRef(db, ref);
    if (!tenant) throw new ApiError("NOT_FOUND", `Tenant "${ref}" not found`);
    if (!tenant.isActive) throw new ApiError("FORBIDDEN", `Tenant "${tenant.slug}" is deactivated`);
    const ctx = {
      tenant,
      actor: { type: "anonymous" } as const,
      db,
      requestId: c.get("requestId"),
      ...clientInfo(c.req),
    };
    const locked = await beginAccountAttempt(c, tenant.id, body.email);
    if (locked) return locked as never;
    try {
      const result = await login(ctx, tokenSettings(config), { email: body.email, password: body.password });
      await accountSignedIn(c, tenant.id, body.email);
      return c.json(result, 200);
    } catch (err) {
      if (err instanceof UnauthorizedError) await noteFailedLogin(c, tenant.id, body.email);
      throw err;
    }
  });
}
