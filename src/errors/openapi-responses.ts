import { PROBLEM_CONTENT_TYPE, ProblemSchema } from "./problem";

const problemContent = { [PROBLEM_CONTENT_TYPE]: { schema: ProblemSchema } };

/** Spread into every `createRoute({ responses })`, so each documents the shared error shape. */
export const openApiErrorResponses = {
  400: { description: "Invalid input (VALIDATION_ERROR)", content: problemContent },
  401: { description: "Missing or invalid credentials (UNAUTHORIZED)", content: problemContent },
  403: { description: "Not allowed for this actor or tenant (FORBIDDEN)", content: problemContent },
  404: { description: "No such resource in this tenant (NOT_FOUND)", content: problemContent },
  409: { description: "Duplicate or conflicting state (DUPLICATE_ENTRY, CONFLICT)", content: problemContent },
  413: { description: "Request body too large (PAYLOAD_TOO_LARGE)", content: problemContent },
  429: { description: "Rate limit exceeded (RATE_LIMIT)", content: problemContent },
  500: { description: "Unexpected server error (INTERNAL_ERROR)", content: problemContent },
  503: { description: "A dependency is unavailable (SERVICE_UNAVAILABLE)", content: problemContent },
} as const;
