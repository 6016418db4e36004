import { createTransport } from "nodemailer";
import { nodemailerOptions } from "../../protocol";
import { type ConnectorGatewayClient, NOOP_GATEWAY } from "../connectors/gateway";
import { relayViaConnector } from "./connector-relay";

export { ConnectorRelayError, ConnectorRelayUnavailableError } from "./connector-relay";

/** How to reach a mail server; built from a tenant's settings or the platform's `SMTP_URL`. */
export interface SmtpTransportConfig {
  host: string;
  port: number;
  /** `none`: plain; `starttls`: upgrade required; `tls`: TLS from the first byte (465); `opportunistic`: STARTTLS if offered. */
  secure: "none" | "starttls" | "tls" | "opportunistic";
  username?: string;
  password?: string;
  from: string;
  /** `connector`: relay through the tenant's on-premises connector (mail servers inside the ISP network). */
  delivery: "direct" | "connector";
  /** With `connector`: the tenant's enrolled connectors, the likeliest to be online first. */
  connectorIds?: string[];
}

export interface OutgoingMail {
  /** Stable across retries of the same email (the notification id): a relay sends it at most once. */
  id?: string;
  /** Display name and address; nodemailer quotes and encodes the name. */
  from: { name: string; address: string };
  to: string;
  subject: string;
  html: string;
  text: string;
  headers?: Record<string, string>;
}

/** Sends one message; throws on any failure (connection, TLS, AUTH, a 4xx/5xx reply). */
export interface Mailer {
  send(transport: SmtpTransportConfig, mail: OutgoingMail): Promise<{ messageId: string }>;
  /** Closes open connections (end of the queue invocation). */
  close?(): void;
}

/**
 * How long one email may take. Each SMTP stage has its own timeout, and the whole send a deadline:
 * a server that accepts the connection and then answers a line a minute cannot keep the consumer
 * (and the emails after it) waiting for long. When a send runs out of time, its pooled connection
 * is dropped, so the next email to that server starts afresh.
 */
export interface SmtpTimeouts {
  connectMs: number;
  greetingMs: number;
  /** Silence allowed on an open connection. */
  socketMs: number;
  /** The whole send, from asking for a connection to the server's answer to the message. */
  deadlineMs: number;
}

export const SMTP_TIMEOUTS: SmtpTimeouts = {
  connectMs: 10_000,
  greetingMs: 10_000,
  socketMs: 20_000,
  deadlineMs: 30_000,
};

/** A send that ran out of `deadlineMs`; counted as a failed attempt, retried later. */
export class SmtpDeadlineError extends Error {
  override name = "SmtpDeadlineError";
}

/**
 * nodemailer over SMTP. Inside workerd (nodejs_compat) plain SMTP, AUTH and STARTTLS/TLS with a
 * publicly trusted certificate work; `rejectUnauthorized: false` is refused by the runtime, so it is
 * never offered here. One pooled connection per mail server for the mailer's life (one queue
 * invocation): a batch of emails to one server pays the connection set-up (TCP, greeting, EHLO,
 * TLS, AUTH) once. Sockets cannot outlive the invocation, so `close()` ends them with it.
 * Delivery `connector` goes through the tenant's connector instead (`relayViaConnector`).
 */
export function smtpMailer(opts: {
  clientName: string;
  gateway?: ConnectorGatewayClient;
  timeouts?: SmtpTimeouts;
}): Mailer {
  const timeouts = opts.timeouts ?? SMTP_TIMEOUTS;
  const transports = new Map<string, ReturnType<typeof pooledTransport>>();
  return {
    async send(t, outgoing) {
      if (t.delivery === "connector") return relayViaConnector(opts.gateway ?? NOOP_GATEWAY, t, outgoing);
      const { id: _id, ...mail } = outgoing;
      const key = JSON.stringify([t.host, t.port, t.secure, t.username, t.password]);
      let transporter = transports.get(key);
      if (!transporter) {
        transporter = pooledTransport(t, opts.clientName, timeouts);
        transports.set(key, transporter);
      }
      const sending = transporter.sendMail({ ...mail, headers: { ...mail.headers } });
      let expire: (err: Error) => void = () => {};
      const deadline = new Promise<never>((_, reject) => {
        expire = reject;
      });
      const limit = `${t.host}:${t.port} did not take the email within ${timeouts.deadlineMs / 1000} s`;
      const timer = setTimeout(() => expire(new SmtpDeadlineError(limit)), timeouts.deadlineMs);
      try {
        const info = await Promise.race([sending, deadline]);
        return { messageId: info.messageId };
      } catch (err) {
        if (err instanceof SmtpDeadlineError) {
          sending.catch(() => {}); // settles with the closed connection below; nobody waits for it
          if (transports.get(key) === transporter) transports.delete(key);
          transporter.close();
        }
        throw err;
      } finally {
        clearTimeout(timer);
      }
    },
    close() {
      for (const t of transports.values()) t.close();
      transports.clear();
    },
  };
}

function pooledTransport(t: SmtpTransportConfig, clientName: string, timeouts: SmtpTimeouts) {
  return createTransport({
    pool: true,
    maxConnections: 1,
    ...nodemailerOptions(t),
    name: clientName,
    connectionTimeout: timeouts.connectMs,
    greetingTimeout: timeouts.greetingMs,
    socketTimeout: timeouts.socketMs,
  });
}

/** `smtp://user:pass@host:port` / `smtps://…` (the platform default, `SMTP_URL`). */
export function transportFromUrl(url: string, from: string): SmtpTransportConfig {
  const u = new URL(url);
  const tls = u.protocol === "smtps:";
  return {
    host: u.hostname.replace(/^\[|\]$/g, ""),
    port: u.port ? Number(u.port) : tls ? 465 : 587,
    secure: tls ? "tls" : "opportunistic",
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    from,
    delivery: "direct",
  };
}
