import { isIP } from "node:net";
import { createTransport } from "nodemailer";
import { nodemailerOptions, type OpResult, type ResultError, type SendMailArgs } from "../../../src/protocol/index.ts";
import type { NetworkAllowList } from "../allow-list.ts";
import { OpError } from "./op-error.ts";

/** Per-stage limits; the cloud waits longer than their sum for the result (src/services/email/connector-relay.ts). */
export const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 } as const;

/**
 * Relays one email through the ISP's own SMTP server, with the secure modes of the cloud's direct
 * sender (src/services/email/send.ts). One connection per message: relayed mail is a trickle
 * (notifications), and nothing stays open between commands. Certificates are always verified;
 * a server with a certificate from the ISP's own CA is trusted by starting the connector with
 * `NODE_EXTRA_CA_CERTS=/path/to/ca.pem` (README).
 *
 * With an allow-list (`allowNetworks`), a server outside it is refused without connecting
 * (`not_allowed`, final); one inside is reached at the address that was checked, its certificate
 * still verified against its name.
 */
export async function sendMail(args: SendMailArgs, allow?: NetworkAllowList): Promise<OpResult<"sendMail">> {
  const server = nodemailerOptions(args.transport);
  if (allow) {
    const target = await allow.resolve(server.host);
    if (!target.ok) throw new OpError("not_allowed", target.reason, false);
    Object.assign(
      server,
      { host: target.address },
      isIP(args.transport.host) ? {} : { servername: args.transport.host },
    );
  }
  const transporter = createTransport({ ...server, ...SMTP_TIMEOUTS });
  try {
    const m = args.mail;
    const info = await transporter.sendMail({
      from: { name: m.from.name, address: m.from.address },
      to: m.to,
      subject: m.subject,
      text: m.text,
      html: m.html,
      headers: { ...m.headers },
    });
    return { messageId: String(info.messageId ?? ""), response: String(info.response ?? "").slice(0, 2000) };
  } catch (e) {
    const err = smtpError(e);
    throw new OpError(err.code, err.message, err.retryable);
  } finally {
    transporter.close();
  }
}

/**
 * nodemailer's error as a result error: the server's reply when there is one ("535 5.7.8 …"), so
 * the tenant's delivery log shows what the mail server said. 4xx replies are temporary, 5xx final.
 */
export function smtpError(e: unknown): ResultError {
  const err = e as { code?: unknown; responseCode?: unknown; response?: unknown; message?: unknown };
  const text = typeof err?.response === "string" && err.response ? err.response : String(err?.message ?? e);
  const message = text.replace(/\s+/g, " ").trim().slice(0, 2000) || "unknown SMTP error";
  const reply = typeof err?.responseCode === "number" ? err.responseCode : 0;
  if (err?.code === "EAUTH") return { code: "auth", message, retryable: reply >= 400 && reply < 500 };
  if (reply >= 400 && reply < 600) return { code: "smtp", message, retryable: reply < 500 };
  if (err?.code === "ETIMEDOUT") return { code: "timeout", message, retryable: true };
  // A certificate that does not verify will not start verifying on its own.
  if (err?.code === "ETLS" || /certificate/i.test(message)) return { code: "connection", message, retryable: false };
  return { code: "connection", message, retryable: true };
}
