import { createMiddleware } from "hono/factory";
import { createRouter } from "../../app";
import type { AppEnv } from "../../env";
import { problem, problemResponse } from "../../errors/problem";
import { authenticate } from "../../middleware/authenticate";
import { rateLimitByUser } from "../../middleware/rate-limit";
import { registerConnectRealtime } from "./connect";
import { websocketToken } from "./token";

/**
 * `/api/v1/ws`: the tenant's realtime socket. The upgrade is checked first (cheap, and a plain GET
 * is no handshake at all), then the token is verified — tenant, user and role re-read as on every
 * request — and the user's rate limit applied, as on every tenant router, before the hub is touched.
 */
export function realtimeRouter() {
  const app = createRouter();
  app.use("*", requireUpgrade());
  app.use("*", authenticate(websocketToken));
  app.use("*", rateLimitByUser());
  registerConnectRealtime(app);
  return app;
}

/**
 * 426 as problem+json. The error codes have none for it, so the body says VALIDATION_ERROR (the
 * request is malformed as a handshake) while the status is the one HTTP defines for this case.
 */
function requireUpgrade() {
  return createMiddleware<AppEnv>(async function requireUpgradeMiddleware(c, next) {
    if (c.req.header("upgrade")?.toLowerCase() !== "websocket") {
      const body = problem("VALIDATION_ERROR", "Expected a WebSocket upgrade (Upgrade: websocket)", c.get("requestId"));
      return problemResponse(
        { ...body, status: 426, title: "Upgrade required" },
        { upgrade: "websocket", connection: "Upgrade" },
      );
    }
    await next();
  });
}
