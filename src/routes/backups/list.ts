import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { listBackups } from "../../services/backups/list";
import { serviceContext } from "../context";
import { jsonContent } from "../shared";
import { tenantRoute } from "../tenant-route";
import { BackupListSchema, ListBackupsQuery } from "./schema";

export const listBackupsRoute = tenantRoute({
  method: "get",
  path: "/",
  tags: ["Backups"],
  summary: "List the tenant's backups, newest first (filter: status)",
  permission: "backups:read",
  request: { query: ListBackupsQuery },
  responses: { 200: jsonContent(BackupListSchema, "A page of backups"), ...openApiErrorResponses },
});

export function registerListBackups(app: AppOpenAPI) {
  app.openapi(listBackupsRoute, async (c) => c.json(await listBackups(serviceContext(c), c.req.valid("query")), 200));
}
