import { createMiddleware } from "hono/factory";
import { createDbRegistry } from "../db/client";
import { type AppEnv, EnvSchema } from "../env";
import { ApiError } from "../errors/api-error";
import { createLogger } from "../lib/logger";
import { optionalJobQueue } from "../queues/producer";
import { eventCollector } from "../services/events/publisher";
import { createPublishers } from "../services/events/publishers";

/**
 * Builds the request-scoped things once: validated config, a logger carrying the request id, and
 * the lazily-opened database handles, closed after the response is sent. Logs one line per request.
 */
export function init() {
  return createMiddleware<AppEnv>(async function initMiddleware(c, next) {
    const requestId = c.get("requestId");
    const parsed = EnvSchema.safeParse(c.env ?? {});
    if (!parsed.success) {
      console.error(
        JSON.stringify({
          level: "error",
          msg: "invalid worker configuration",
          requestId,
          issues: parsed.error.issues.map((i) => i.path.join(".")),
        }),
      );
      throw new ApiError("INTERNAL_ERROR", "Server is misconfigured");
    }
    const config = parsed.data;
    const log = createLogger({ requestId }, config.LOG_LEVEL);
    const dbs = createDbRegistry(config, log);
    const events = eventCollector();
    c.set("config", config);
    c.set("log", log);
    c.set("dbs", dbs);
    c.set("events", events);
    const started = Date.now();
    try {
      await next();
    } finally {
      const committed = events.drain();
      const publishing = committed.length
        ? createPublishers(c.env, config, log, dbs, optionalJobQueue(c.env)).all.publish(committed)
        : Promise.resolve();
      const closing = Promise.allSettled([publishing]).then(() => dbs.closeAll());
      try {
        c.executionCtx.waitUntil(closing);
      } catch {
        await closing; // no execution context (app.request in unit tests)
      }
      log.info("request", {
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        durationMs: Date.now() - started,
      });
    }
  });
}
