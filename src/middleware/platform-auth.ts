import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";
import { ApiError } from "../errors/api-error";
import { timingSafeEqualStrings } from "../lib/crypto";

/** Guards the platform operator's API with the `PLATFORM_API_KEY` secret (Bearer). */
export function platformAuth() {
  return createMiddleware<AppEnv>(async function platformAuthMiddleware(c, next) {
    const header = c.req.header("authorization") ?? "";
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new ApiError("UNAUTHORIZED", "Platform API key required (Authorization: Bearer <key>)");
    const ok = await timingSafeEqualStrings(match[1] as string, c.get("config").PLATFORM_API_KEY);
    if (!ok) throw new ApiError("UNAUTHORIZED", "Invalid platform API key");
    c.set("actor", { type: "platform" });
    await next();
  });
}
