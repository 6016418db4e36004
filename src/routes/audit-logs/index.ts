import { createTenantRouter } from "../../app";
import { registerListAuditLogs } from "./list";

/** `/api/v1/audit-logs`: the tenant's audit trail (admins only; read-only by design). */
export function auditLogsRouter() {
  const app = createTenantRouter();
  registerListAuditLogs(app);
  return app;
}
