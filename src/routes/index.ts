import type { AppOpenAPI } from "../env";
import { authRouter, meRouter } from "./auth";
import { healthRouter } from "./health";
import { platformTenantsRouter } from "./platform/tenants";
import { currentTenantRouter } from "./tenant";

export const API_BASE = "/api/v1";

/** Every resource router, mounted at its own base path (so each one's middleware stays its own). */
export function registerRoutes(app: AppOpenAPI) {
  app.route(`${API_BASE}/health`, healthRouter());
  app.route(`${API_BASE}/auth/me`, meRouter());
  app.route(`${API_BASE}/auth`, authRouter());
  app.route(`${API_BASE}/platform/tenants`, platformTenantsRouter());
  app.route(`${API_BASE}/tenant`, currentTenantRouter());
}
