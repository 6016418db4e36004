import { OpenAPIHono } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { createMiddleware } from "hono/factory";
import type { AppEnv, AppOpenAPI } from "./env";
import { ApiError } from "./errors/api-error";
import { handleError, zodIssues } from "./errors/handle-error";
import { problem, problemResponse } from "./errors/problem";
import { authenticate } from "./middleware/authenticate";
import { corsFromConfig } from "./middleware/cors";
import { init } from "./middleware/init";
import { rateLimitByIp, rateLimitByUser } from "./middleware/rate-limit";
import { requestId } from "./middleware/request-id";
import { requireRlsEnforced } from "./middleware/require-rls";
import { securityHeaders } from "./middleware/security-headers";
import { resolveTenant } from "./middleware/tenant";
import { API_BASE, registerRoutes } from "./routes";
import { DOCS_SCRIPT_PATH, docsPage, docsScript } from "./routes/docs";

/** A router whose validation failures answer in the one problem+json shape. */
export function createRouter(): AppOpenAPI {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        return problemResponse(
          problem("VALIDATION_ERROR", "Invalid input", c.get("requestId"), zodIssues(result.error)),
        );
      }
    },
  });
}

/** A router for tenant resources: tenant resolved, user authenticated and rate-limited before any route runs. */
export function createTenantRouter(): AppOpenAPI {
  const app = createRouter();
  app.use("*", authenticate());
  app.use("*", rateLimitByUser());
  return app;
}

/** A router for public tenant endpoints (login, branding): the tenant is resolved, nobody is signed in. */
export function createPublicTenantRouter(): AppOpenAPI {
  const app = createRouter();
  app.use("*", resolveTenant());
  return app;
}

/** The whole API. Tests build it the same way the Worker does. */
export function createApp(): AppOpenAPI {
  const app = createRouter();
  app.use("*", securityHeaders());
  app.use("*", requestId());
  app.use("*", init());
  app.use("*", corsFromConfig());
  app.use("*", rateLimitByIp());
  app.use("*", limitBody());
  app.use("*", requireRlsEnforced());
  app.onError(handleError);
  app.notFound((c) =>
    problemResponse(
      problem("NOT_FOUND", `No route for ${c.req.method} ${c.req.path}`, c.get("requestId") ?? "unknown"),
    ),
  );

  registerRoutes(app);

  app.openAPIRegistry.registerComponent("securitySchemes", "platformKey", {
    type: "http",
    scheme: "bearer",
    description: "The platform operator's API key (PLATFORM_API_KEY)",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "bearerAuth", {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
    description: "Access token from POST /api/v1/auth/login",
  });
  app.doc31(`${API_BASE}/openapi.json`, {
    openapi: "3.1.0",
    info: {
      title: "RT/RW Net SaaS API",
      version: "1.0.0",
      description: "Subscribers, plans, billing, routers and PPPoE provisioning for RT/RW Net operators.",
    },
    servers: [{ url: "/" }],
  });
  app.get(`${API_BASE}/docs`, docsPage(`${API_BASE}/openapi.json`, `${API_BASE}/docs`));
  app.get(`${API_BASE}/docs${DOCS_SCRIPT_PATH}`, docsScript);
  return app;
}

function limitBody() {
  return createMiddleware<AppEnv>(async function limitBodyMiddleware(c, next) {
    const maxSize = c.get("config").MAX_BODY_BYTES;
    return bodyLimit({
      maxSize,
      onError: () => {
        throw new ApiError("PAYLOAD_TOO_LARGE", `Request body exceeds ${maxSize} bytes`);
      },
    })(c, next);
  });
}
