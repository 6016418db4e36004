import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { getBackup } from "../../services/backups/get";
import { serviceContext } from "../context";
import { jsonContent } from "../shared";
import { tenantRoute } from "../tenant-route";
import { BackupIdParams, BackupSchema } from "./schema";

export const getBackupRoute = tenantRoute({
  method: "get",
  path: "/{id}",
  tags: ["Backups"],
  summary: "Get a backup with its manifest (poll it after starting one)",
  permission: "backups:read",
  request: { params: BackupIdParams },
  responses: { 200: jsonContent(BackupSchema, "The backup"), ...openApiErrorResponses },
});

export function registerGetBackup(app: AppOpenAPI) {
  app.openapi(getBackupRoute, async (c) => c.json(await getBackup(serviceContext(c), c.req.valid("param").id), 200));
}
