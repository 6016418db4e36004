import { createRoute } from "@hono/zod-openapi";
import { setCookie } from "hono/cookie";
import type { AppContext, AppOpenAPI } from "../../env";
import { ApiError } from "../../errors/api-error";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import {
  beginSignInAttempt,
  DEVICE_COOKIE,
  deviceTokenOf,
  type SignInGate,
  signInSucceeded,
} from "../../middleware/login-throttle";
import { noteFailedLogin, rateLimitLogin } from "../../middleware/rate-limit";
import { subdomainSlug } from "../../middleware/tenant";
import { optionalJobQueue } from "../../queues/producer";
import { login } from "../../services/auth/login";
import { DEVICE_TOKEN_TTL_SECONDS, issueDeviceToken } from "../../services/auth/sign-in-tokens";
import { tokenSettings } from "../../services/auth/token-settings";
import { mailUnlockLink } from "../../services/auth/unlock";
import type { ServiceContext } from "../../services/context";
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
    "Limited to RATE_LIMIT_LOGIN_PER_MINUTE attempts per client address (IPv6: per /64; 429 beyond); failed " +
    "sign-ins against many accounts from one address block that address for a while. ACCOUNT_LOGIN_ATTEMPTS " +
    "attempts on one account (from any addresses, whether or not the email exists) without a successful one lock " +
    "its sign-ins for ACCOUNT_LOCK_SECONDS, doubling per repeat up to ACCOUNT_LOCK_MAX_SECONDS (429 + " +
    "Retry-After), and mail the account's owner a single-use unlock link. A successful sign-in returns a " +
    "`deviceToken` (also set as an HttpOnly cookie on /api/v1/auth); an attempt that presents it (cookie, " +
    "X-Device-Token header or `deviceToken` field) is counted against that device instead of the account, so " +
    "a locked account still lets its owner in from a known device. 503 when the sign-in limiter is unreachable.",
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
    const ctx: ServiceContext = {
      tenant,
      actor: { type: "anonymous" },
      db,
      requestId: c.get("requestId"),
      ...clientInfo(c.req),
    };
    const device = await deviceTokenOf(c, body.deviceToken);
    const gate = await beginSignInAttempt(c, tenant.id, body.email, device);
    if (gate instanceof Response) return gate as never;
    try {
      const result = await login(ctx, tokenSettings(config), {
        email: body.email,
        password: body.password,
        ...(gate.counted === "device" ? { userId: gate.device.u } : {}),
      });
      await signInSucceeded(c, gate);
      const deviceToken = await issueDeviceToken(config.JWT_PRIVATE_KEY, {
        t: tenant.id,
        u: result.user.id,
        a: gate.account,
        d: gate.counted === "device" ? gate.device.d : crypto.randomUUID(),
      });
      setCookie(c, DEVICE_COOKIE, deviceToken, {
        httpOnly: true,
        secure: true,
        sameSite: "Strict",
        path: "/api/v1/auth",
        maxAge: DEVICE_TOKEN_TTL_SECONDS,
      });
      return c.json({ ...result, deviceToken }, 200);
    } catch (err) {
      if (err instanceof UnauthorizedError) {
        await noteFailedLogin(c, tenant.id, body.email);
        await mailOnLock(c, ctx, body.email, gate);
      }
      throw err;
    }
  });
}

/**
 * The attempt that locked the account failed: its owner is mailed the unlock link (once per lock).
 * Awaited, not left to `waitUntil`: the request's database handles close when it ends. It costs
 * the one locking attempt a lookup (and, for a real user, an insert): small next to the password
 * hash every attempt pays, and that attempt's 401 looks the same either way.
 */
async function mailOnLock(c: AppContext, ctx: ServiceContext, email: string, gate: SignInGate): Promise<void> {
  if (gate.counted !== "account" || !gate.unlockId) return;
  const queue = optionalJobQueue(c.env);
  if (!queue) return;
  const config = c.get("config");
  try {
    await mailUnlockLink(
      ctx,
      {
        queue,
        secret: config.JWT_PRIVATE_KEY,
        unlockUrl: `https://${ctx.tenant.slug}.${config.BASE_DOMAIN}/api/v1/auth/unlock`,
      },
      { email, account: gate.account, unlockId: gate.unlockId },
    );
  } catch (err) {
    c.get("log").error("unlock link not mailed", { err });
  }
}
