import type { Logger } from "../../lib/logger";
import type { JobQueue } from "../../queues/producer";
import type { ConnectorGatewayClient } from "../connectors/gateway";

/** The infrastructure a backup run or restore needs besides its service context. */
export interface BackupDeps {
  /** The `BACKUPS` R2 bucket. */
  bucket: R2Bucket;
  /** `BACKUP_ENCRYPTION_KEY`: 32 bytes, base64. */
  encryptionKey: string;
  /** Where the failure emails to admins are queued (Property 55). */
  queue: JobQueue;
  log?: Logger;
  /** The connectors' gateway: a restore sends each connector its routers and devices again (network.ts). */
  gateway?: ConnectorGatewayClient;
  /** Reports 0–100 as tables are exported (the queue job's progress). */
  progress?: (percent: number) => Promise<void>;
  /** Plaintext bytes per encrypted chunk (container.ts); tests make it small. */
  chunkSize?: number;
  /** Bytes per multipart part (object-writer.ts). */
  partSize?: number;
}
