import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";

const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Honours a caller's `X-Request-Id` when it is a sane token, else generates one; echoes it on the
 * response so a user can quote it and we can find the log line.
 */
export function requestId() {
  return createMiddleware<AppEnv>(async function requestIdMiddleware(c, next) {
    const given = c.req.header("x-request-id");
    const id = given && SAFE_ID.test(given) ? given : crypto.randomUUID();
    c.set("requestId", id);
    c.header("X-Request-Id", id);
    await next();
    c.res.headers.set("X-Request-Id", id);
  });
}
