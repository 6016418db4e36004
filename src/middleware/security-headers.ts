import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";
import { editResponseHeaders } from "./response-headers";

/** An API answers JSON only: nothing may load, run or frame it. */
const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
const HSTS = "max-age=63072000; includeSubDomains";

/**
 * Security headers on every response, errors included: no MIME sniffing, no framing, no referrer,
 * a deny-all Content-Security-Policy (a page that needs more, the API docs, sets its own first),
 * and Strict-Transport-Security in production (locally the API is plain http).
 *
 * @example
 * app.use("*", securityHeaders()); // first, so even early failures carry the headers
 */
export function securityHeaders() {
  return createMiddleware<AppEnv>(async function securityHeadersMiddleware(c, next) {
    await next();
    const production = (c.get("config")?.ENVIRONMENT ?? "production") === "production";
    editResponseHeaders(c, (h) => {
      h.set("X-Content-Type-Options", "nosniff");
      h.set("X-Frame-Options", "DENY");
      h.set("Referrer-Policy", "no-referrer");
      h.set("Cross-Origin-Resource-Policy", "same-site");
      if (!h.has("Content-Security-Policy")) h.set("Content-Security-Policy", API_CSP);
      if (production) h.set("Strict-Transport-Security", HSTS);
    });
  });
}

/**
 * The docs page (Scalar): its bundle (served by this Worker) and inline bootstrap script run under a
 * per-response nonce; Scalar styles itself inline; the OpenAPI document and "try it" requests go to
 * this origin. No other origin is named: the page works offline.
 */
export function docsContentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}' 'self'`,
    "style-src 'self' 'unsafe-inline'",
    "font-src 'self' data:",
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}
