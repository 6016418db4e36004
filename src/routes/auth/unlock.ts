import { createRoute, z } from "@hono/zod-openapi";
import type { AppOpenAPI } from "../../env";
import { ApiError } from "../../errors/api-error";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { rateLimiter, rateLimitLogin } from "../../middleware/rate-limit";
import { unlockAccount, unlockTokenTenant } from "../../services/auth/unlock";
import { escapeHtml } from "../../services/email/html";
import { findTenantByRef } from "../../services/tenants/resolve";
import { clientInfo, jsonContent } from "../shared";
import { UnlockBody } from "./schema";

const UnlockedSchema = z.object({ unlocked: z.literal(true) }).openapi("Unlocked");

export const unlockRoute = createRoute({
  method: "post",
  path: "/unlock",
  tags: ["Auth"],
  summary: "End an account's sign-in lock with the link mailed to its owner",
  description:
    "The token of the link mailed when the account locked (JSON, or the form of the link's page). Good once " +
    "and for one hour: an invalid or expired token is a 400, one already used (or whose lock has ended) a 409.",
  middleware: [rateLimitLogin()] as const,
  request: {
    body: {
      content: {
        "application/json": { schema: UnlockBody },
        "application/x-www-form-urlencoded": { schema: UnlockBody },
      },
      required: false,
    },
  },
  responses: { 200: jsonContent(UnlockedSchema, "The account can be signed in to again"), ...openApiErrorResponses },
});

export function registerUnlock(app: AppOpenAPI) {
  app.openapi(unlockRoute, async (c) => {
    const token = c.req.valid("json").token ?? c.req.valid("form").token;
    if (!token) throw new ApiError("VALIDATION_ERROR", "No unlock token given");
    const secret = c.get("config").JWT_PRIVATE_KEY;
    const db = c.get("dbs").app();
    const tenant = await findTenantByRef(db, await unlockTokenTenant(secret, token));
    if (!tenant?.isActive) throw new ApiError("VALIDATION_ERROR", "Invalid or expired unlock link");
    const ctx = {
      tenant,
      actor: { type: "anonymous" } as const,
      db,
      requestId: c.get("requestId"),
      ...clientInfo(c.req),
    };
    await unlockAccount(ctx, { limiter: rateLimiter(c), secret }, token);
    return c.json({ unlocked: true as const }, 200);
  });

  // The mailed link: a page that asks before acting, so a mail scanner fetching it uses up nothing.
  app.get("/unlock", (c) => {
    const token = c.req.query("token") ?? "";
    return c.html(
      `<!doctype html><html lang="en"><meta charset="utf-8"><title>Unlock sign-in</title>` +
        `<form method="post" action="/api/v1/auth/unlock"><input type="hidden" name="token" value="${escapeHtml(token)}">` +
        `<p>Unlock sign-in to your account / Buka kunci login akun Anda</p><button type="submit">Unlock</button></form></html>`,
    );
  });
}
