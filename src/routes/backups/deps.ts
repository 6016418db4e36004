import type { AppContext } from "../../env";
import { jobQueue } from "../../queues/producer";
import type { BackupDeps } from "../../services/backups/deps";
import { gatewayClient } from "../../services/connectors/gateway";

/** The backup service's infrastructure from the Worker's bindings. */
export function backupDeps(c: AppContext): BackupDeps {
  const bucket = c.env.BACKUPS as R2Bucket | undefined;
  if (!bucket || typeof bucket.put !== "function") throw new Error("the BACKUPS R2 binding is missing");
  return {
    bucket,
    encryptionKey: c.get("config").BACKUP_ENCRYPTION_KEY,
    queue: jobQueue(c.env),
    log: c.get("log"),
    gateway: gatewayClient(c.env.CONNECTOR_GATEWAY),
  };
}
