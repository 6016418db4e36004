import { deliverNotification } from "../../services/email/deliver";
import type { JobHandler } from "./types";

/**
 * `email.send`: one notification row → one SMTP delivery. Email attempts are counted in the row
 * (Property 60: the third failed send marks it `failed`, and it is dead-lettered then); the
 * message's own attempt limit only bounds infrastructure errors (database down) that happen
 * before anything was sent.
 */
export const emailSendHandler: JobHandler<"email.send"> = {
  maxAttempts: 5,
  tracked: false,
  async run({ ctx, deps }, msg) {
    const out = await deliverNotification(ctx, { mailer: deps.mailer, config: deps.config }, msg.notificationId);
    switch (out.kind) {
      case "sent":
        return { action: "ack", note: `sent as ${out.messageId}` };
      case "skipped":
        return { action: "ack", note: out.reason };
      case "retry":
        return { action: "retry", delaySeconds: out.delaySeconds, error: out.error };
      case "failed":
        return { action: "fail", error: out.error, attempts: out.attempts };
    }
  },
};
