import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { ZodError } from "zod";
import type { AppEnv } from "../env";
import { errorFields } from "../lib/logger";
import {
  ConflictError,
  DuplicateError,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  ServiceError,
  UnauthorizedError,
  UnavailableError,
} from "../services/errors";
import { ApiError } from "./api-error";
import type { ErrorCode } from "./codes";
import { problem, problemResponse } from "./problem";

/**
 * The one place an error becomes a response. Order: ApiError, ServiceError, HTTPException, ZodError,
 * Postgres constraint errors (a safety net for races the service could not pre-check), then unknown.
 * Only the unknown ones are 500s, and only they are logged with a stack.
 */
export function handleError(err: Error, c: Context<AppEnv>): Response {
  const requestId = c.get("requestId") ?? "unknown";
  const mapped = mapError(err);
  if (mapped) {
    const headers = err instanceof ApiError ? err.getResponse().headers : undefined;
    return problemResponse(problem(mapped.code, mapped.detail, requestId, mapped.details), headers);
  }
  const log = c.get("log");
  if (log) log.error("unhandled error", { err });
  else console.error(JSON.stringify({ level: "error", msg: "unhandled error", requestId, err: errorFields(err) }));
  return problemResponse(problem("INTERNAL_ERROR", "An unexpected error occurred", requestId));
}

interface Mapped {
  code: ErrorCode;
  detail: string;
  details?: unknown;
}

export function mapError(err: unknown): Mapped | undefined {
  if (err instanceof ApiError) return { code: err.code, detail: err.message, details: err.details };
  if (err instanceof ServiceError) return mapServiceError(err);
  if (err instanceof HTTPException) return mapHttpException(err);
  if (err instanceof ZodError) return { code: "VALIDATION_ERROR", detail: "Invalid input", details: zodIssues(err) };
  return mapPostgresError(err);
}

function mapServiceError(err: ServiceError): Mapped {
  if (err instanceof NotFoundError) return { code: "NOT_FOUND", detail: err.message };
  if (err instanceof DuplicateError)
    return { code: "DUPLICATE_ENTRY", detail: err.message, details: { field: err.field } };
  if (err instanceof ConflictError) return { code: "CONFLICT", detail: err.message };
  if (err instanceof InvalidInputError)
    return { code: "VALIDATION_ERROR", detail: err.message, details: err.field ? { field: err.field } : undefined };
  if (err instanceof ForbiddenError) return { code: "FORBIDDEN", detail: err.message };
  if (err instanceof UnauthorizedError) return { code: "UNAUTHORIZED", detail: err.message };
  if (err instanceof UnavailableError) return { code: "SERVICE_UNAVAILABLE", detail: err.message };
  return { code: "INTERNAL_ERROR", detail: "An unexpected error occurred" };
}

function mapHttpException(err: HTTPException): Mapped {
  switch (err.status) {
    case 400:
      return { code: "VALIDATION_ERROR", detail: err.message || "Bad request" };
    case 401:
      return { code: "UNAUTHORIZED", detail: err.message || "Authentication required" };
    case 403:
      return { code: "FORBIDDEN", detail: err.message || "Forbidden" };
    case 404:
      return { code: "NOT_FOUND", detail: err.message || "Not found" };
    case 413:
      return { code: "PAYLOAD_TOO_LARGE", detail: err.message || "Request body too large" };
    case 429:
      return { code: "RATE_LIMIT", detail: err.message || "Too many requests" };
    default:
      return err.status >= 500
        ? { code: "INTERNAL_ERROR", detail: "An unexpected error occurred" }
        : { code: "VALIDATION_ERROR", detail: err.message || "Bad request" };
  }
}

/** Postgres SQLSTATEs that mean "bad input or a lost race", never a server fault. */
function mapPostgresError(err: unknown): Mapped | undefined {
  const pgErr = findPgError(err);
  if (!pgErr) return undefined;
  switch (pgErr.code) {
    case "23505":
      return { code: "DUPLICATE_ENTRY", detail: "A record with the same unique value already exists" };
    case "23503":
      return { code: "CONFLICT", detail: "The record is referenced by, or references, another record" };
    case "23514":
    case "23502":
    case "22P02":
    case "22003":
    case "22007":
    case "22008":
      return { code: "VALIDATION_ERROR", detail: "A value is out of range or malformed" };
    // Text Postgres cannot store, e.g. a NUL character (U+0000) in a search or a name.
    case "22021":
    case "22P05":
      return { code: "VALIDATION_ERROR", detail: "Text contains a character that cannot be stored (e.g. U+0000)" };
    case "40001":
    case "40P01":
      return { code: "CONFLICT", detail: "Concurrent update; please retry" };
    default:
      return undefined;
  }
}

/** drizzle wraps driver errors (`cause`); walk the chain to the one with a SQLSTATE. */
function findPgError(err: unknown): { code: string } | undefined {
  let cur: unknown = err;
  for (let i = 0; i < 5 && cur && typeof cur === "object"; i++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return { code };
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

export function zodIssues(err: ZodError) {
  return err.issues.map((i) => ({ path: i.path.join("."), message: i.message, code: i.code }));
}
