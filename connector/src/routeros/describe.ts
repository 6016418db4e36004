import { getSystemErrorName } from "node:util";

/** Where the connector tried to go. */
export interface Endpoint {
  host: string;
  port: number;
}

/**
 * What went wrong reaching or logging in to a router, in the connector's own terms: an error thrown
 * by Node's sockets or node-routeros, or one of the connector's own observations.
 */
export type ConnectFailure =
  | { kind: "error"; error: unknown }
  /** Nothing within `ms`, at that stage: no TCP connection, no TLS handshake, or no answer to the login. */
  | { kind: "timeout"; ms: number; stage: "tcp" | "tls" | "login" }
  /** The router closed the connection before the login finished. */
  | { kind: "closed"; connected: boolean }
  /** The router refused the login; `reason` is what it said. */
  | { kind: "login"; reason: string };

/**
 * The one wording of connection failures: `--check` prints it (adding its hints), and the connector
 * sends it to the cloud in results (a customer's provisioning reason, a router test). `cannot
 * connect: -111` becomes "connection refused by 10.0.0.1:8728".
 */
export function describeConnectFailure(f: ConnectFailure, at: Endpoint): string {
  const where = `${at.host}:${at.port}`;
  switch (f.kind) {
    case "timeout":
      if (f.stage === "login") return `no answer to the login from ${where} within ${seconds(f.ms)}`;
      if (f.stage === "tls") return `TLS handshake with ${where} got no answer within ${seconds(f.ms)}`;
      return `no answer from ${where} within ${seconds(f.ms)}`;
    case "closed":
      return f.connected ? `${where} closed the connection during the login` : `${where} closed the connection`;
    case "login":
      return `login refused by ${where}: ${f.reason}`;
    case "error":
      return describeError(f.error, at);
  }
}

function describeError(e: unknown, at: Endpoint): string {
  const where = `${at.host}:${at.port}`;
  const code = errorCode(e);
  const message = e instanceof Error ? e.message : typeof e === "string" ? e : "";
  switch (code) {
    case "ECONNREFUSED":
      return `connection refused by ${where}`;
    case "ETIMEDOUT":
    case "SOCKTMOUT":
      return `no answer from ${where}`;
    case "EHOSTUNREACH":
    case "EHOSTDOWN":
      return `${at.host} is unreachable (no route to the host)`;
    case "ENETUNREACH":
      return `no route to the network of ${at.host}`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
    case "EAI_NONAME":
      return `cannot resolve the host name ${at.host}`;
    case "ECONNRESET":
    case "EPIPE":
      return `connection reset by ${where}`;
    case "CANTLOGIN":
      return `login refused by ${where}: ${message || "invalid user name or password"}`;
  }
  if (isTlsError(code, message)) return `TLS handshake with ${where} failed: ${tlsReason(message) || code}`;
  const detail = [code, message].filter(Boolean).join(" ");
  return `cannot connect to ${where}${detail ? `: ${detail}` : ""}`;
}

/**
 * A socket error's code: `code` ("ECONNREFUSED"), or the name of a numeric `errno` (node-routeros
 * keeps only `errno: -111` of the socket error), or node-routeros' own (`CANTLOGIN`, `SOCKTMOUT`).
 */
export function errorCode(e: unknown): string | undefined {
  if (typeof e !== "object" || e === null) return undefined;
  const { code, errno } = e as { code?: unknown; errno?: unknown };
  if (typeof code === "string" && code) return code;
  if (typeof errno === "number" && Number.isInteger(errno) && errno < 0) {
    try {
      return getSystemErrorName(errno);
    } catch {
      return String(errno);
    }
  }
  return typeof errno === "string" && errno ? errno : undefined;
}

function isTlsError(code: string | undefined, message: string): boolean {
  return (
    (code !== undefined && /^(ERR_SSL_|ERR_TLS_|EPROTO$|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED)/.test(code)) ||
    /\b(SSL|TLS)\b|certificate|handshake/i.test(message)
  );
}

/** OpenSSL's "80CC…:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:…" → its reason. */
function tlsReason(message: string): string {
  return /SSL routines:[^:]*:([^:]+)/.exec(message)?.[1] ?? message;
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
