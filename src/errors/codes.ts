/** The error codes of the spec (plus CONFLICT and SERVICE_UNAVAILABLE), and the one HTTP status each maps to. */
export const ERROR_CODES = [
  "UNAUTHORIZED",
  "FORBIDDEN",
  "NOT_FOUND",
  "VALIDATION_ERROR",
  "DUPLICATE_ENTRY",
  "CONFLICT",
  "PAYLOAD_TOO_LARGE",
  "RATE_LIMIT",
  "INTERNAL_ERROR",
  "SERVICE_UNAVAILABLE",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export function codeToStatus(code: ErrorCode) {
  switch (code) {
    case "UNAUTHORIZED":
      return 401 as const;
    case "FORBIDDEN":
      return 403 as const;
    case "NOT_FOUND":
      return 404 as const;
    case "VALIDATION_ERROR":
      return 400 as const;
    case "DUPLICATE_ENTRY":
    case "CONFLICT":
      return 409 as const;
    case "PAYLOAD_TOO_LARGE":
      return 413 as const;
    case "RATE_LIMIT":
      return 429 as const;
    case "INTERNAL_ERROR":
      return 500 as const;
    case "SERVICE_UNAVAILABLE":
      return 503 as const;
  }
}

export const CODE_TITLES: Record<ErrorCode, string> = {
  UNAUTHORIZED: "Unauthorized",
  FORBIDDEN: "Forbidden",
  NOT_FOUND: "Resource not found",
  VALIDATION_ERROR: "Validation error",
  DUPLICATE_ENTRY: "Duplicate entry",
  CONFLICT: "Conflict",
  PAYLOAD_TOO_LARGE: "Payload too large",
  RATE_LIMIT: "Rate limit exceeded",
  INTERNAL_ERROR: "Internal server error",
  SERVICE_UNAVAILABLE: "Service unavailable",
};
