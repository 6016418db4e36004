import type { SendMailArgs } from "./ops.ts";

/** A mail server and how to reach it: the cloud's direct sender and the connector's relay share it. */
export type SmtpServer = SendMailArgs["transport"];

/**
 * The nodemailer connection options of `server`, the one place the secure modes are mapped:
 * `tls` is TLS from the first byte (465), `starttls` requires the upgrade, `none` never tries it,
 * `opportunistic` upgrades when offered. Certificates are always verified.
 */
export function nodemailerOptions(server: SmtpServer) {
  return {
    host: server.host,
    port: server.port,
    secure: server.secure === "tls",
    requireTLS: server.secure === "starttls",
    ignoreTLS: server.secure === "none",
    auth: server.username ? { user: server.username, pass: server.password ?? "" } : undefined,
  };
}
