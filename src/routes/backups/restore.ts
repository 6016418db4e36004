import type { AppOpenAPI } from "../../env";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { restoreBackup } from "../../services/backups/restore";
import { serviceContext } from "../context";
import { jsonContent } from "../shared";
import { tenantRoute } from "../tenant-route";
import { backupDeps } from "./deps";
import { BackupIdParams, RestoreResultSchema } from "./schema";

export const restoreBackupRoute = tenantRoute({
  method: "post",
  path: "/{id}/restore",
  tags: ["Backups"],
  summary:
    "Replace the tenant's data with a backup, in one transaction, after verifying the whole backup " +
    "(409 if it is corrupt, not succeeded or of another schema version). The audit log, events, " +
    "backup catalogue and delivery log are kept; every user signs in again afterwards.",
  permission: "backups:write",
  request: { params: BackupIdParams },
  responses: { 200: jsonContent(RestoreResultSchema, "The restore"), ...openApiErrorResponses },
});

export function registerRestoreBackup(app: AppOpenAPI) {
  app.openapi(restoreBackupRoute, async (c) => {
    const result = await restoreBackup(serviceContext(c), backupDeps(c), c.req.valid("param").id);
    c.get("log").warn("tenant restored from backup", { backupId: result.backupId });
    return c.json(result, 200);
  });
}
