import { backupRunHandler } from "./backup-run";
import { emailSendHandler } from "./email-send";
import type { JobHandlers } from "./types";

/** Every job type's handler; the mapped type makes a new message type without a handler a compile error. */
export const JOB_HANDLERS: JobHandlers = {
  "email.send": emailSendHandler,
  "backup.run": backupRunHandler,
};
