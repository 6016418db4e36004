import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { listAuditLogs } from "../../services/audit/list";
import { serviceContext } from "../context";
import { jsonContent } from "../shared";
import { tenantRoute } from "../tenant-route";
import { AuditLogListSchema, ListAuditLogsQuery } from "./schema";

export const listAuditLogsRoute = tenantRoute({
  method: "get",
  path: "/",
  tags: ["Audit"],
  summary: "The tenant's audit trail, newest first",
  description: "Every write of the tenant's data, with who, when, from where and what changed. Rows are immutable.",
  permission: "audit_logs:read",
  request: { query: ListAuditLogsQuery },
  responses: { 200: jsonContent(AuditLogListSchema, "A page of audit rows"), ...openApiErrorResponses },
});

export function registerListAuditLogs(app: AppOpenAPI) {
  app.openapi(listAuditLogsRoute, async (c) => {
    const { entity_type, entity_id, user_id, ...rest } = c.req.valid("query");
    const page = await listAuditLogs(serviceContext(c), {
      ...rest,
      entityType: entity_type,
      entityId: entity_id,
      userId: user_id,
    });
    return c.json(page, 200);
  });
}
