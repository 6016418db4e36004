import { and, eq, type SQL } from "drizzle-orm";
import { notifications } from "../../db/schema";
import type { Config } from "../../env";
import { backoffSeconds } from "../../queues/backoff";
import { type ServiceContext, withTenantTx } from "../context";
import { renderEmail, TemplateError } from "./render";
import type { Mailer, OutgoingMail, SmtpTransportConfig } from "./send";
import { addressOf, resolveTransport } from "./transport";

/** Property 60: a message is tried at most this many times, then it is `failed`. */
export const EMAIL_MAX_ATTEMPTS = 3;

/** Backoff between email attempts: 30 s, then 60 s. */
export const EMAIL_BACKOFF = { baseSeconds: 30, capSeconds: 900 } as const;

/**
 * How long an attempt holds its notification (`sending_until`): longer than the slowest send can
 * take (the mailer's per-message deadline, or a connector relay's 60 s answer timeout), so only an
 * attempt that died mid-send lets its claim lapse, and the email is then tried again.
 */
export const EMAIL_SEND_LEASE_MS = 3 * 60_000;

export type DeliveryOutcome =
  | { kind: "sent"; attempts: number; messageId: string }
  | { kind: "skipped"; reason: "missing" | "already-sent" | "already-failed" | "claim-lost" }
  | { kind: "retry"; attempts: number; delaySeconds: number; error: string }
  | { kind: "failed"; attempts: number; error: string };

export interface DeliveryDeps {
  mailer: Mailer;
  config: Pick<Config, "SMTP_URL" | "SMTP_FROM">;
}

type Claim =
  | { kind: "done"; outcome: DeliveryOutcome }
  | {
      kind: "claimed";
      until: Date;
      attempts: number;
      subject: string;
      transport: SmtpTransportConfig;
      mail: OutgoingMail;
    };

/**
 * Sends one queued notification of the context's tenant and records the attempt in its row, in
 * three steps so that no database transaction is open while a mail server is talked to (a slow or
 * stalling server would otherwise hold a connection and a row lock for as long as it likes):
 * 1. a short transaction claims the row (`sending_until`), renders the email and reads the
 *    tenant's mail server (its password decrypted for this send only);
 * 2. the SMTP conversation (or the connector relay), within the mailer's deadlines;
 * 3. a short transaction records the result, if the claim is still ours.
 * A redelivered duplicate of the message meanwhile finds the claim and comes back after it, then
 * finds the row `sent` (or `failed`) and does nothing: at most one email per notification, unless
 * an attempt dies after its server accepted the email and before step 3. A failed send counts an
 * attempt; the third failure makes it `failed` (Property 60). A template that cannot render fails
 * at once: retrying cannot fix it.
 */
export async function deliverNotification(
  ctx: ServiceContext,
  deps: DeliveryDeps,
  notificationId: string,
): Promise<DeliveryOutcome> {
  const where = and(eq(notifications.tenantId, ctx.tenant.id), eq(notifications.id, notificationId)) as SQL;
  const claim = await claimNotification(ctx, deps, where, new Date());
  if (claim.kind === "done") return claim.outcome;
  try {
    const { messageId } = await deps.mailer.send(claim.transport, claim.mail);
    return await recordAttempt(ctx, where, claim, { messageId });
  } catch (err) {
    return recordAttempt(ctx, where, claim, { error: describeError(err) });
  }
}

async function claimNotification(ctx: ServiceContext, deps: DeliveryDeps, where: SQL, now: Date): Promise<Claim> {
  return withTenantTx(ctx, async (tx) => {
    const done = (outcome: DeliveryOutcome): Claim => ({ kind: "done", outcome });
    const [row] = await tx.select().from(notifications).where(where).for("update").limit(1);
    if (!row) return done({ kind: "skipped", reason: "missing" });
    if (row.status === "sent") return done({ kind: "skipped", reason: "already-sent" });
    if (row.status === "failed") return done({ kind: "skipped", reason: "already-failed" });
    if (row.sendingUntil && row.sendingUntil > now) {
      const delaySeconds = Math.ceil((row.sendingUntil.getTime() - now.getTime()) / 1000);
      const error = "another attempt is sending this email";
      return done({ kind: "retry", attempts: row.attempts, delaySeconds, error });
    }
    const attempts = row.attempts + 1;
    const brand = { tenantName: ctx.tenant.name, timeZone: ctx.tenant.timezone };
    let email: ReturnType<typeof renderEmail>;
    try {
      email = renderEmail(row.template, ctx.tenant.locale, row.data, brand);
    } catch (err) {
      if (!(err instanceof TemplateError)) throw err;
      const error = describeError(err);
      await tx.update(notifications).set({ status: "failed", attempts, lastError: error }).where(where);
      return done({ kind: "failed", attempts, error });
    }
    let transport: SmtpTransportConfig;
    try {
      transport = await resolveTransport(tx, ctx, deps.config);
    } catch (err) {
      // No mail server to send with: a failed attempt like a refused send.
      const error = describeError(err);
      await tx
        .update(notifications)
        .set(failedAttempt(attempts, error, email.subject))
        .where(where);
      return done(afterFailure(attempts, error));
    }
    const until = new Date(now.getTime() + EMAIL_SEND_LEASE_MS);
    await tx.update(notifications).set({ sendingUntil: until }).where(where);
    const mail: OutgoingMail = {
      id: row.id,
      from: { name: ctx.tenant.name, address: addressOf(transport.from) },
      to: row.recipient,
      ...email,
      headers: { "X-Notification-Id": row.id },
    };
    return { kind: "claimed", until, attempts, subject: email.subject, transport, mail };
  });
}

/** Step 3: the send's result, written only while the claim is still this attempt's. */
async function recordAttempt(
  ctx: ServiceContext,
  where: SQL,
  claim: Extract<Claim, { kind: "claimed" }>,
  result: { messageId: string } | { error: string },
): Promise<DeliveryOutcome> {
  const { attempts, subject } = claim;
  const ours = and(where, eq(notifications.sendingUntil, claim.until));
  const set =
    "messageId" in result
      ? { status: "sent" as const, attempts, sentAt: new Date(), messageId: result.messageId, subject, lastError: null }
      : failedAttempt(attempts, result.error, subject);
  const updated = await withTenantTx(ctx, (tx) =>
    tx
      .update(notifications)
      .set({ ...set, sendingUntil: null })
      .where(ours)
      .returning({ id: notifications.id }),
  );
  if (updated.length === 0) return { kind: "skipped", reason: "claim-lost" };
  if ("messageId" in result) return { kind: "sent", attempts, messageId: result.messageId };
  return afterFailure(attempts, result.error);
}

function failedAttempt(attempts: number, error: string, subject: string) {
  return {
    status: attempts >= EMAIL_MAX_ATTEMPTS ? ("failed" as const) : ("queued" as const),
    attempts,
    lastError: error,
    subject,
  };
}

function afterFailure(attempts: number, error: string): DeliveryOutcome {
  if (attempts >= EMAIL_MAX_ATTEMPTS) return { kind: "failed", attempts, error };
  return { kind: "retry", attempts, delaySeconds: backoffSeconds(attempts, EMAIL_BACKOFF), error };
}

/** One line for the delivery log: SMTP replies carry their code ("451 4.3.0 Try again later"). */
export function describeError(err: unknown): string {
  const e = err as { message?: unknown; responseCode?: unknown; response?: unknown };
  const text = typeof e?.response === "string" ? e.response : String(e?.message ?? err);
  return text.replace(/\s+/g, " ").trim().slice(0, 1000) || "unknown error";
}
