import { createTenantRouter } from "../../app";
import { registerCreateBackup } from "./create";
import { registerGetBackup } from "./get";
import { registerListBackups } from "./list";
import { registerRestoreBackup } from "./restore";

/** `/api/v1/backups`: encrypted per-tenant backups and restore (admins). */
export function backupsRouter() {
  const app = createTenantRouter();
  registerCreateBackup(app);
  registerListBackups(app);
  registerGetBackup(app);
  registerRestoreBackup(app);
  return app;
}
