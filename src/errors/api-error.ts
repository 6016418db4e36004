import { HTTPException } from "hono/http-exception";
import { codeToStatus, type ErrorCode } from "./codes";

/** An error raised by HTTP-layer code (middleware, routes) that already knows its wire code. */
export class ApiError extends HTTPException {
  readonly code: ErrorCode;
  readonly details?: unknown;

  constructor(code: ErrorCode, detail: string, details?: unknown) {
    super(codeToStatus(code), { message: detail });
    this.name = "ApiError";
    this.code = code;
    this.details = details;
  }
}
