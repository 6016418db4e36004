import { expect, describe as group, it } from "vitest";
import { api } from "../support/api";
import { appWith } from "../support/app";

group("security headers", () => {
  it("every response carries nosniff, DENY framing, no referrer and a deny-all CSP; no HSTS outside production", async () => {
    for (const path of ["/api/v1/health", "/api/v1/no-such-route", "/api/v1/openapi.json", "/api/v1/users"]) {
      const res = await api(path);
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(res.headers.get("x-frame-options"), path).toBe("DENY");
      expect(res.headers.get("referrer-policy"), path).toBe("no-referrer");
      expect(res.headers.get("content-security-policy"), path).toMatch(/^default-src 'none'; frame-ancestors 'none'/);
      expect(res.headers.get("strict-transport-security"), path).toBeNull();
    }
  });

  it("Strict-Transport-Security in production", async () => {
    const res = await appWith({ ENVIRONMENT: "production" })("/api/v1/no-such-route");
    expect(res.headers.get("strict-transport-security")).toMatch(/^max-age=\d{8}; includeSubDomains$/);
  });

  it("the docs page runs under its own nonce-based CSP (test/routes/docs: no other origin)", async () => {
    const res = await api("/api/v1/docs");
    expect(res.status).toBe(200);
    const csp = res.headers.get("content-security-policy") ?? "";
    const nonce = /'nonce-([A-Za-z0-9_-]+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    // Every script tag on the page carries the nonce; nothing inline runs without it.
    const scripts = res.text.match(/<script[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    const again = await api("/api/v1/docs");
    expect(again.headers.get("content-security-policy")).not.toBe(csp); // a fresh nonce per response
  });
});

group("CORS", () => {
  it("is off by default: no Access-Control-Allow-Origin for any origin", async () => {
    const res = await api("/api/v1/health", { headers: { origin: "https://evil.example" } });
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("allows exactly the configured origins, preflight included, and exposes the rate-limit headers", async () => {
    const call = appWith({ CORS_ORIGINS: "https://app.rtrwnet.id, https://admin.rtrwnet.id" });
    const ok = await call("/api/v1/no-such-route", { headers: { origin: "https://admin.rtrwnet.id" } });
    expect(ok.headers.get("access-control-allow-origin")).toBe("https://admin.rtrwnet.id");
    expect(ok.headers.get("access-control-expose-headers")).toContain("RateLimit-Remaining");
    const other = await call("/api/v1/no-such-route", { headers: { origin: "https://evil.example" } });
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
    const preflight = await call("/api/v1/users", {
      method: "OPTIONS",
      headers: {
        origin: "https://app.rtrwnet.id",
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization, content-type",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("https://app.rtrwnet.id");
    expect(preflight.headers.get("access-control-allow-headers")).toMatch(/Authorization/);
  });
});
