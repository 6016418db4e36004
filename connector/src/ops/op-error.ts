import { parseManagedComment, type ResultErrorCode } from "../../../src/protocol/index.ts";
import type { Row } from "../routeros/connection.ts";

/** An op that cannot reach its declared end state for a reason other than the router connection. */
export class OpError extends Error {
  override name = "OpError";
  readonly code: ResultErrorCode;
  readonly retryable: boolean;

  constructor(code: ResultErrorCode, message: string, retryable = false) {
    super(message);
    this.code = code;
    this.retryable = retryable;
  }
}

const WHAT: Record<string, string> = {
  "/ppp/secret": "secret",
  "/ppp/profile": "profile",
  "/ip/pool": "pool",
  "/queue/simple": "queue",
};

/**
 * Only objects carrying our comment tag (`rtrw:<id>`) are ours to change or remove. One an operator
 * made by hand with the same name is left exactly as it is, and the op fails with `not_managed`
 * (not retryable: it will not become ours by itself; adopting it is a deliberate import).
 */
export function requireManaged(path: string, row: Row): void {
  if (parseManagedComment(row.comment) !== undefined) return;
  throw new OpError(
    "not_managed",
    `a ${WHAT[path] ?? "object"} with this name (${row.name ?? "?"}) exists on the router and is not managed here`,
  );
}
