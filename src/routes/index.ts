import type { AppOpenAPI } from "../env";
import { alertsRouter } from "./alerts";
import { auditLogsRouter } from "./audit-logs";
import { authRouter, meRouter } from "./auth";
import { backupsRouter } from "./backups";
import { connectorConnectRouter, connectorsRouter } from "./connectors";
import { customerSessionRouter } from "./customer-session";
import { customersRouter } from "./customers";
import { dashboardRouter } from "./dashboard";
import { devicesRouter } from "./devices";
import { exportsRouter } from "./exports";
import { healthRouter } from "./health";
import { infrastructureItemsRouter } from "./infrastructure-items";
import { invoicesRouter } from "./invoices";
import { jobsRouter } from "./jobs";
import { monitoringRouter } from "./monitoring";
import { notificationsRouter } from "./notifications";
import { paymentsRouter } from "./payments";
import { platformTenantsRouter } from "./platform/tenants";
import { routerOperationsRouter } from "./router-operations";
import { mikrotikRoutersRouter } from "./routers";
import { servicePlansRouter } from "./service-plans";
import { billingSettingsRouter } from "./settings/billing";
import { provisioningSettingsRouter } from "./settings/provisioning";
import { smtpSettingsRouter } from "./settings/smtp";
import { speedBoostsRouter } from "./speed-boosts";
import { currentTenantRouter } from "./tenant";
import { ticketsRouter } from "./tickets";
import { usersRouter } from "./users";
import { realtimeRouter } from "./ws";

export const API_BASE = "/api/v1";

/** Every resource router, mounted at its own base path (so each one's middleware stays its own). */
export function registerRoutes(app: AppOpenAPI) {
  app.route(`${API_BASE}/health`, healthRouter());
  app.route(`${API_BASE}/auth/me`, meRouter());
  app.route(`${API_BASE}/auth`, authRouter());
  app.route(`${API_BASE}/platform/tenants`, platformTenantsRouter());
  app.route(`${API_BASE}/tenant`, currentTenantRouter());
  app.route(`${API_BASE}/users`, usersRouter());
  app.route(`${API_BASE}/audit-logs`, auditLogsRouter());
  app.route(`${API_BASE}/service-plans`, servicePlansRouter());
  app.route(`${API_BASE}/customers`, customersRouter());
  app.route(`${API_BASE}/speed-boosts`, speedBoostsRouter());
  app.route(`${API_BASE}/payments`, paymentsRouter());
  app.route(`${API_BASE}/dashboard`, dashboardRouter());
  app.route(`${API_BASE}/exports`, exportsRouter());
  app.route(`${API_BASE}/customers/:id/invoices`, invoicesRouter());
  app.route(`${API_BASE}/customers/:id/session`, customerSessionRouter());
  app.route(`${API_BASE}/ws`, realtimeRouter());
  app.route(`${API_BASE}/devices`, devicesRouter());
  app.route(`${API_BASE}/routers`, mikrotikRoutersRouter());
  app.route(`${API_BASE}/routers/:id`, routerOperationsRouter());
  // Before the connectors router: the connector's socket is not a user request (no user auth).
  app.route(`${API_BASE}/connectors/connect`, connectorConnectRouter());
  app.route(`${API_BASE}/connectors`, connectorsRouter());
  app.route(`${API_BASE}/monitoring`, monitoringRouter());
  app.route(`${API_BASE}/tickets`, ticketsRouter());
  app.route(`${API_BASE}/infrastructure-items`, infrastructureItemsRouter());
  app.route(`${API_BASE}/alerts`, alertsRouter());
  app.route(`${API_BASE}/backups`, backupsRouter());
  app.route(`${API_BASE}/jobs`, jobsRouter());
  app.route(`${API_BASE}/notifications`, notificationsRouter());
  app.route(`${API_BASE}/settings/smtp`, smtpSettingsRouter());
  app.route(`${API_BASE}/settings/billing`, billingSettingsRouter());
  app.route(`${API_BASE}/settings/provisioning`, provisioningSettingsRouter());
}
