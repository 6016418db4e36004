import { z } from "zod";
import { formatInstant } from "../format";
import type { EmailTemplate } from "../types";
import { instant, notice, text } from "./notice";

const schema = z.object({
  backupId: text(64),
  error: text(2000),
  failedAt: instant(),
});

/** To every admin of the tenant, when a backup run fails (Property 55). */
export const backupFailed: EmailTemplate<typeof schema> = {
  name: "backup_failed",
  schema,
  render: {
    id: (d, b) =>
      notice("Pencadangan data gagal", {
        lines: ["Pencadangan (backup) data otomatis Anda gagal. Data yang ada tidak terpengaruh."],
        facts: [
          ["ID backup", d.backupId],
          ["Waktu", formatInstant(d.failedAt, "id", b.timeZone)],
          ["Kesalahan", d.error],
        ],
        closing: "Sistem akan mencoba lagi pada jadwal berikutnya; Anda juga dapat menjalankan backup secara manual.",
      }),
    en: (d, b) =>
      notice("Data backup failed", {
        lines: ["Your automatic data backup failed. Your existing data is not affected."],
        facts: [
          ["Backup ID", d.backupId],
          ["Time", formatInstant(d.failedAt, "en", b.timeZone)],
          ["Error", d.error],
        ],
        closing: "It will be tried again at the next scheduled time; you can also start a backup manually.",
      }),
  },
};
