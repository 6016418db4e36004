import { env } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createApp } from "../../../src/app";

describe("GET /api/v1/health", () => {
  it("answers 200 with the database round trip", async () => {
    const res = await exports.default.fetch("http://api.test/api/v1/health");
    const body = (await res.json()) as { status: string; database: { status: string; latencyMs: number } };
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body.status).toBe("ok");
    expect(body.database.status).toBe("ok");
    expect(body.database.latencyMs).toBeGreaterThanOrEqual(0);
    expect(res.headers.get("x-request-id")).toBeTruthy();
  });

  it("answers 503 in the problem shape when the database is unreachable", async () => {
    // The same app, configured with a database port nothing listens on.
    const deadDb = "postgres://nobody:nothing@127.0.0.1:1/none";
    const res = await createApp().request("/api/v1/health", {}, { ...env, DATABASE_URL: deadDb });
    const body = (await res.json()) as { code: string; status: number };
    expect(res.status, JSON.stringify(body)).toBe(503);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(body.code).toBe("SERVICE_UNAVAILABLE");
  });
});
