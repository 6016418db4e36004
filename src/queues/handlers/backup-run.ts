import { runTenantBackup } from "../../services/backups/run";
import type { JobHandler } from "./types";

/**
 * `backup.run`: one tenant backup (services/backups). The claimed `jobs` row carries its progress.
 * A failed run has already been recorded and announced by the backup service (Property 55); it is
 * dead-lettered at once so it shows in `/jobs/failed` for a manual retry, instead of retrying
 * blindly (the next daily run tries again anyway).
 */
export const backupRunHandler: JobHandler<"backup.run"> = {
  maxAttempts: 3,
  tracked: true,
  async run({ ctx, deps, job }, msg) {
    const bucket = deps.env.BACKUPS as R2Bucket | undefined;
    if (!bucket) throw new Error("the BACKUPS bucket binding is missing");
    const view = await runTenantBackup(
      ctx,
      {
        bucket,
        encryptionKey: deps.config.BACKUP_ENCRYPTION_KEY,
        queue: deps.queue,
        log: deps.log,
        progress: job ? (percent) => job.progress(percent) : undefined,
      },
      msg.backupId,
    );
    if (job) job.result = { backupId: view.id, status: view.status };
    if (view.status === "failed") return { action: "fail", error: `backup ${view.id} failed` };
    return undefined;
  },
};
