import { createRoute, z } from "@hono/zod-openapi";
import { sql } from "drizzle-orm";
import { createRouter } from "../../app";
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
    }),
  })
  .openapi("Health");

export const healthRoute = createRoute({
  method: "get",
  path: "/",
  tags: ["System"],
  summary: "Liveness and database round trip",
  responses: {
    200: jsonContent(HealthSchema, "The API and its database answer"),
    503: openApiErrorResponses[503],
    500: openApiErrorResponses[500],
  },
});

/** `/api/v1/health`: 200 with the database round-trip time, or 503 when the database does not answer. */
export function healthRouter() {
  const app = createRouter();
  app.openapi(healthRoute, async (c) => {
    const started = performance.now();
    try {
      await withTimeout(c.get("dbs").app().execute(sql`select 1`), DB_TIMEOUT_MS);
    } catch (err) {
      c.get("log").warn("health: database unreachable", { err });
      throw new ApiError("SERVICE_UNAVAILABLE", "Database unreachable", { database: "unreachable" });
    }
    const latencyMs = Math.round((performance.now() - started) * 10) / 10;
    return c.json(
      { status: "ok" as const, time: new Date().toISOString(), database: { status: "ok" as const, latencyMs } },
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
