import { Scalar } from "@scalar/hono-api-reference";
import type { Handler } from "hono";
// The Scalar API reference's single-file browser bundle, pinned by package-lock.json and served by
// this Worker (a Text module, see the [[rules]] in wrangler.toml): the docs need no CDN and no internet.
import scalarBundle from "../../../node_modules/@scalar/api-reference/dist/browser/standalone.js";
import scalarPackage from "../../../node_modules/@scalar/api-reference/package.json";
import type { AppEnv } from "../../env";
import { randomToken } from "../../lib/crypto";
import { docsContentSecurityPolicy } from "../../middleware/security-headers";

/** Versioned, so the browser may keep it forever: a new pin is a new URL. */
export const DOCS_SCRIPT_PATH = `/assets/scalar-api-reference-${scalarPackage.version}.js`;

/**
 * The interactive API reference (Scalar) at `base`, under a nonce-based Content-Security-Policy that
 * names no other origin, and its script at `base + DOCS_SCRIPT_PATH`.
 */
export function docsPage(openApiUrl: string, base: string): Handler<AppEnv> {
  return (c, next) => {
    const nonce = randomToken(16);
    c.header("Content-Security-Policy", docsContentSecurityPolicy(nonce));
    return Scalar<AppEnv>({
      url: openApiUrl,
      pageTitle: "RT/RW Net SaaS API",
      nonce,
      cdn: `${base}${DOCS_SCRIPT_PATH}`,
      // Scalar's default fonts come from its own CDN; the system fonts do.
      withDefaultFonts: false,
      telemetry: false,
    })(c, next);
  };
}

export const docsScript: Handler<AppEnv> = (c) =>
  c.body(scalarBundle, 200, {
    "content-type": "text/javascript; charset=utf-8",
    "cache-control": "public, max-age=31536000, immutable",
  });
