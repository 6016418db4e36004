import { z } from "@hono/zod-openapi";
import { CODE_TITLES, codeToStatus, ERROR_CODES, type ErrorCode } from "./codes";

/**
 * The one error body of the API: RFC 9457 problem details carrying the spec's error codes.
 * Served as `application/problem+json`.
 */
export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: "https://docs.rtrwnet.id/errors/not_found" }),
    title: z.string().openapi({ example: "Resource not found" }),
    status: z.number().int().openapi({ example: 404 }),
    detail: z.string().openapi({ example: "customer 4d1c… not found" }),
    code: z.enum(ERROR_CODES).openapi({ example: "NOT_FOUND" }),
    details: z.unknown().optional().openapi({ description: "Machine-readable specifics, e.g. validation issues" }),
    requestId: z.string().openapi({ example: "01J9Z3…" }),
  })
  .openapi("Problem");

export type Problem = z.infer<typeof ProblemSchema>;

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

export function problem(code: ErrorCode, detail: string, requestId: string, details?: unknown): Problem {
  return {
    type: `https://docs.rtrwnet.id/errors/${code.toLowerCase()}`,
    title: CODE_TITLES[code],
    status: codeToStatus(code),
    detail,
    code,
    ...(details === undefined ? {} : { details }),
    requestId,
  };
}

export function problemResponse(body: Problem, headers?: HeadersInit): Response {
  const h = new Headers(headers);
  h.set("content-type", PROBLEM_CONTENT_TYPE);
  return new Response(JSON.stringify(body), { status: body.status, headers: h });
}
