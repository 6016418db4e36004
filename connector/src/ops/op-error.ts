import type { ResultErrorCode } from "../../../src/protocol/index.ts";

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
