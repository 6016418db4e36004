import { createRoute, z } from "@hono/zod-openapi";
import { sql } from "drizzle-orm";
import { createRouter } from "../../app";
import { type RlsCheck, rlsCheck } from "../../db/rls-guard";
import { ApiError } from "../../errors/api-error";
import { openApiErrorResponses } from "../../errors/openapi-responses";
import { jsonContent } from "../shared";

const DB_TIMEOUT_MS = 5_000;

export const HealthSchema = z
  .object({
    status: z.literal("ok"),
    time: z.string().openapi({ example: "2026-11-24T08:00:00.000Z" }),
    database: z.object({
      status: z.literal("ok"),
      latencyMs: z.number().openapi({ description: "Round trip of `select 1`, ms", example: 3.2 }),
      rowLevelSecurity: z.literal("enforced").openapi({
        description: "The DATABASE_URL role is no superuser, has no BYPASSRLS and belongs to no role that has",
      }),
    }),
  })
  .openapi("Health");

export const healthRoute = createRoute({
  method: "get",
  path: "/",
  tags: ["System"],
  summary: "Liveness, database round trip and row-level security of the request path",
  responses: {
    200: jsonContent(HealthSchema, "The API and its database answer, row-level security applies"),
    413: openApiErrorResponses[413],
    429: openApiErrorResponses[429],
    500: openApiErrorResponses[500],
    503: {
      ...openApiErrorResponses[503],
      description:
        "The database does not answer (details.database = unreachable), or the DATABASE_URL role bypasses " +
        "row-level security (details.reason = RLS_BYPASSED; tenant requests are refused meanwhile)",
    },
  },
});

/**
 * `/api/v1/health`: 200 with the database round-trip time, or 503 when the database does not answer
 * or the request path's role bypasses row-level security (re-checked here on every call).
 */
export function healthRouter() {
  const app = createRouter();
  app.openapi(healthRoute, async (c) => {
    const dbs = c.get("dbs");
    const started = performance.now();
    let latencyMs: number;
    let rls: RlsCheck;
    try {
      await withTimeout(dbs.app().execute(sql`select 1`), DB_TIMEOUT_MS);
      latencyMs = Math.round((performance.now() - started) * 10) / 10;
      rls = await withTimeout(
        rlsCheck(c.get("config").DATABASE_URL, () => dbs.app(), c.get("log"), { fresh: true }),
        DB_TIMEOUT_MS,
      );
    } catch (err) {
      c.get("log").warn("health: database unreachable", { err });
      throw new ApiError("SERVICE_UNAVAILABLE", "Database unreachable", { database: "unreachable" });
    }
    if (!rls.enforced) {
      throw new ApiError("SERVICE_UNAVAILABLE", `Row-level security is bypassed: ${rls.reason}`, {
        database: "ok",
        reason: "RLS_BYPASSED",
      });
    }
    return c.json(
      {
        status: "ok" as const,
        time: new Date().toISOString(),
        database: { status: "ok" as const, latencyMs, rowLevelSecurity: "enforced" as const },
      },
      200,
    );
  });
  return app;
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => timer !== undefined && clearTimeout(timer));
}
