import { and, eq } from "drizzle-orm";
import { notifications } from "../../db/schema";
import type { Config } from "../../env";
import { backoffSeconds } from "../../queues/backoff";
import { type ServiceContext, withTenantTx } from "../context";
import { renderEmail, TemplateError } from "./render";
import type { Mailer } from "./send";
import { addressOf, resolveTransport } from "./transport";

/** Property 60: a message is tried at most this many times, then it is `failed`. */
export const EMAIL_MAX_ATTEMPTS = 3;

/** Backoff between email attempts: 30 s, then 60 s. */
export const EMAIL_BACKOFF = { baseSeconds: 30, capSeconds: 900 } as const;

export type DeliveryOutcome =
  | { kind: "sent"; attempts: number; messageId: string }
  | { kind: "skipped"; reason: "missing" | "already-sent" | "already-failed" }
  | { kind: "retry"; attempts: number; delaySeconds: number; error: string }
  | { kind: "failed"; attempts: number; error: string };

export interface DeliveryDeps {
  mailer: Mailer;
  config: Pick<Config, "SMTP_URL" | "SMTP_FROM">;
}

/**
 * Sends one queued notification of the context's tenant and records the attempt in its row.
 * The row is locked for the whole attempt, so a redelivered duplicate of the message waits and
 * then finds it `sent` (or `failed`) and does nothing: at most one email per notification, however
 * often the queue delivers. A failed send counts an attempt; the third failure makes it `failed`
 * (Property 60). A template that cannot render fails at once: retrying cannot fix it.
 */
export async function deliverNotification(
  ctx: ServiceContext,
  deps: DeliveryDeps,
  notificationId: string,
): Promise<DeliveryOutcome> {
  return withTenantTx(ctx, async (tx) => {
    const where = and(eq(notifications.tenantId, ctx.tenant.id), eq(notifications.id, notificationId));
    const [row] = await tx.select().from(notifications).where(where).for("update").limit(1);
    if (!row) return { kind: "skipped", reason: "missing" } as const;
    if (row.status === "sent") return { kind: "skipped", reason: "already-sent" } as const;
    if (row.status === "failed") return { kind: "skipped", reason: "already-failed" } as const;

    const attempts = row.attempts + 1;
    const brand = { tenantName: ctx.tenant.name, timeZone: ctx.tenant.timezone };
    let subject = row.subject;
    try {
      const email = renderEmail(row.template, ctx.tenant.locale, row.data, brand);
      subject = email.subject;
      const transport = await resolveTransport(tx, ctx, deps.config);
      const { messageId } = await deps.mailer.send(transport, {
        id: row.id,
        from: { name: ctx.tenant.name, address: addressOf(transport.from) },
        to: row.recipient,
        ...email,
        headers: { "X-Notification-Id": row.id },
      });
      await tx
        .update(notifications)
        .set({ status: "sent", attempts, sentAt: new Date(), messageId, subject, lastError: null })
        .where(where);
      return { kind: "sent", attempts, messageId } as const;
    } catch (err) {
      const error = describeError(err);
      const final = attempts >= EMAIL_MAX_ATTEMPTS || err instanceof TemplateError;
      await tx
        .update(notifications)
        .set({ status: final ? "failed" : "queued", attempts, lastError: error, subject })
        .where(where);
      if (final) return { kind: "failed", attempts, error } as const;
      return { kind: "retry", attempts, delaySeconds: backoffSeconds(attempts, EMAIL_BACKOFF), error } as const;
    }
  });
}

/** One line for the delivery log: SMTP replies carry their code ("451 4.3.0 Try again later"). */
export function describeError(err: unknown): string {
  const e = err as { message?: unknown; responseCode?: unknown; response?: unknown };
  const text = typeof e?.response === "string" ? e.response : String(e?.message ?? err);
  return text.replace(/\s+/g, " ").trim().slice(0, 1000) || "unknown error";
}
