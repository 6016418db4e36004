import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { requestBackup } from "../../services/backups/create";
import { serviceContext } from "../context";
import { jsonContent } from "../shared";
import { tenantRoute } from "../tenant-route";
import { backupDeps } from "./deps";
import { BackupSchema } from "./schema";

export const createBackupRoute = tenantRoute({
  method: "post",
  path: "/",
  tags: ["Backups"],
  summary:
    "Start a backup of the tenant's data (202: it runs as a `backup.run` job; poll GET /backups/{id} " +
    "until it succeeded or failed; 409 while another one is running)",
  permission: "backups:write",
  responses: { 202: jsonContent(BackupSchema, "The backup, running"), ...openApiErrorResponses },
});

export function registerCreateBackup(app: AppOpenAPI) {
  app.openapi(createBackupRoute, async (c) => c.json(await requestBackup(serviceContext(c), backupDeps(c)), 202));
}
