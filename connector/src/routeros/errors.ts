import { describeConnectFailure, type Endpoint, errorCode } from "./describe.ts";

/**
 * Every failure of a RouterOS call, in four kinds the rest of the connector acts on:
 * - `connection`: could not connect, or the connection dropped; retryable.
 * - `timeout`: no answer in time (the connection is reset); retryable.
 * - `trap`: RouterOS refused the command (`!trap`); not retryable, except an "already exists"
 *   (another writer won a race: reading again and setting will succeed) or an interrupted command.
 * - `auth`: the router refused our API credentials; not retryable until an operator fixes them.
 */
export type RouterOsErrorKind = "connection" | "timeout" | "trap" | "auth";

export class RouterOsError extends Error {
  override name = "RouterOsError";
  readonly kind: RouterOsErrorKind;
  readonly retryable: boolean;

  constructor(kind: RouterOsErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.kind = kind;
    this.retryable =
      kind === "connection" ||
      kind === "timeout" ||
      (kind === "trap" && (isAlreadyExists(message) || message === "interrupted"));
  }

  /** A `!trap` saying the object exists already (a concurrent add). */
  get alreadyExists(): boolean {
    return this.kind === "trap" && isAlreadyExists(this.message);
  }
}

function isAlreadyExists(message: string): boolean {
  return /already (exists|have)|with such name exists/i.test(message);
}

/** node-routeros' `RosException` carries an `errno`: a socket error code or one of its own. */
function errnoOf(e: unknown): string | undefined {
  if (typeof e !== "object" || e === null || !("errno" in e)) return undefined;
  const errno = (e as { errno: unknown }).errno;
  return typeof errno === "string" ? errno : typeof errno === "number" ? String(errno) : undefined;
}

const LOGIN_REFUSED = /CANTLOGIN|invalid user name or password|cannot log in/i;

/**
 * An error from `RouterOSAPI.connect()` (TCP connect plus login), worded by `describeConnectFailure`.
 * node-routeros drops most of a socket error (a TLS failure arrives without code or message), so
 * the socket's own error, when the connection saw one, is described instead.
 */
export function classifyConnectError(e: unknown, at: Endpoint, socketError?: unknown): RouterOsError {
  if (e instanceof RouterOsError) return e;
  const errno = errnoOf(e);
  const message = e instanceof Error ? e.message : String(e);
  if (errno === "CANTLOGIN" || LOGIN_REFUSED.test(message)) {
    const reason = message || "invalid user name or password";
    return new RouterOsError("auth", describeConnectFailure({ kind: "login", reason }, at), { cause: e });
  }
  const cause = errno === undefined && socketError !== undefined ? socketError : e;
  const code = errorCode(cause);
  const kind = code === "SOCKTMOUT" || code === "ETIMEDOUT" ? "timeout" : "connection";
  return new RouterOsError(kind, describeConnectFailure({ kind: "error", error: cause }, at), { cause: e });
}

/** An error from `RouterOSAPI.write()`: a `!trap` (plain Error with RouterOS's message) or anything else. */
export function classifyCallError(e: unknown, at: Endpoint): RouterOsError {
  if (e instanceof RouterOsError) return e;
  if (errnoOf(e) !== undefined) return classifyConnectError(e, at);
  const message = e instanceof Error ? e.message : String(e);
  return new RouterOsError("trap", message || "trap without message", { cause: e });
}
