import { describe, expect, it } from "vitest";
import scalarPackage from "../../../node_modules/@scalar/api-reference/package.json";
import { api } from "../../support/api";

/** Sources a CSP may name without naming another origin. */
const SAME_ORIGIN_SOURCE = /^('self'|'none'|'unsafe-inline'|'nonce-[A-Za-z0-9_-]+'|data:|blob:)$/;

describe("the API docs work offline: everything comes from this Worker", () => {
  it("the page loads only same-origin scripts, and names no other origin at all", async () => {
    const page = await api("/api/v1/docs");
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    const srcs = [...page.text.matchAll(/<script[^>]*\ssrc="([^"]*)"/g)].map((m) => m[1] as string);
    expect(srcs).toEqual([`/api/v1/docs/assets/scalar-api-reference-${scalarPackage.version}.js`]);
    expect(page.text).not.toMatch(/(https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}/i);
  });

  it("the pinned Scalar bundle answers 200 as JavaScript, cacheable forever under its versioned URL", async () => {
    const page = await api("/api/v1/docs");
    const src = /<script[^>]*\ssrc="([^"]*)"/.exec(page.text)?.[1] as string;
    const js = await api(src);
    expect(js.status).toBe(200);
    expect(js.headers.get("content-type")).toMatch(/^text\/javascript/);
    expect(js.headers.get("cache-control")).toContain("immutable");
    expect(js.text.length).toBeGreaterThan(1_000_000);
    // The UMD build the page's bootstrap calls (`Scalar.createApiReference`).
    expect(js.text).toContain("createApiReference");
    expect(js.text.trimStart().startsWith("<")).toBe(false);
  });

  it("the page's Content-Security-Policy names no third-party origin", async () => {
    const page = await api("/api/v1/docs");
    const csp = page.headers.get("content-security-policy") ?? "";
    const directives = csp.split(";").map((d) => d.trim().split(/\s+/));
    expect(directives.map((d) => d[0])).toEqual(expect.arrayContaining(["default-src", "script-src", "connect-src"]));
    for (const [name, ...sources] of directives) {
      for (const source of sources) expect(source, `${name} ${source}`).toMatch(SAME_ORIGIN_SOURCE);
    }
    expect(csp).toMatch(/script-src 'nonce-[A-Za-z0-9_-]+'/);
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  });
});

describe("OpenAPI: /health", () => {
  it("lists every status it can answer", async () => {
    const doc = await api<{ paths: Record<string, { get: { responses: Record<string, unknown> } }> }>(
      "/api/v1/openapi.json",
    );
    const health = doc.body.paths["/api/v1/health"];
    expect(Object.keys(health?.get.responses ?? {}).sort()).toEqual(["200", "413", "429", "500", "503"]);
  });
});
