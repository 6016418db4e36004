import { Scalar } from "@scalar/hono-api-reference";
import type { Handler } from "hono";
import type { AppEnv } from "../../env";
import { randomToken } from "../../lib/crypto";
import { docsContentSecurityPolicy } from "../../middleware/security-headers";

/** The interactive API reference (Scalar), under a nonce-based Content-Security-Policy. */
export function docsPage(openApiUrl: string): Handler<AppEnv> {
  return (c, next) => {
    const nonce = randomToken(16);
    c.header("Content-Security-Policy", docsContentSecurityPolicy(nonce));
    return Scalar<AppEnv>({ url: openApiUrl, pageTitle: "RT/RW Net SaaS API", nonce })(c, next);
  };
}
