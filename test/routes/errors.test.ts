import { expect, describe as group, it } from "vitest";
import { api, describe, platformHeaders } from "../support/api";

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  details?: unknown;
  requestId: string;
}

function expectProblem(
  res: { status: number; headers: Headers; body: unknown; text: string },
  status: number,
  code: string,
) {
  expect(res.status, describe(res)).toBe(status);
  expect(res.headers.get("content-type")).toContain("application/problem+json");
  const p = res.body as Problem;
  expect(p.code).toBe(code);
  expect(p.status).toBe(status);
  expect(p.title).toBeTruthy();
  expect(p.detail).toBeTruthy();
  expect(p.requestId).toBe(res.headers.get("x-request-id"));
  return p;
}

group("the error contract", () => {
  it("answers an unknown route with a 404 problem", async () => {
    const res = await api("/api/v1/no-such-thing");
    expectProblem(res, 404, "NOT_FOUND");
  });

  it("honours a sane X-Request-Id and replaces an unsafe one", async () => {
    const given = await api("/api/v1/no-such-thing", { headers: { "x-request-id": "req-abc.123" } });
    expect(given.headers.get("x-request-id")).toBe("req-abc.123");
    expect((given.body as Problem).requestId).toBe("req-abc.123");
    const unsafe = await api("/api/v1/no-such-thing", { headers: { "x-request-id": "<script>" } });
    expect(unsafe.headers.get("x-request-id")).not.toBe("<script>");
    expect(unsafe.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("answers malformed JSON with a 400 problem, never a 500", async () => {
    const res = await api("/api/v1/platform/tenants", {
      method: "POST",
      headers: platformHeaders({ "content-type": "application/json" }),
      rawBody: "{ not json",
    });
    expectProblem(res, 400, "VALIDATION_ERROR");
  });

  it("answers a schema violation with a 400 problem listing the issues", async () => {
    const res = await api("/api/v1/platform/tenants", { headers: platformHeaders(), body: { name: "" } });
    const p = expectProblem(res, 400, "VALIDATION_ERROR");
    const issues = p.details as { path: string; message: string }[];
    expect(issues.map((i) => i.path)).toEqual(expect.arrayContaining(["name", "slug", "admin"]));
  });

  it("rejects unknown fields rather than ignoring them", async () => {
    const res = await api("/api/v1/platform/tenants", {
      headers: platformHeaders(),
      body: {
        name: "Net",
        slug: "unknown-field-net",
        admin: { email: "a@b.id", password: "0123456789", name: "A" },
        isAdmin: true,
      },
    });
    expectProblem(res, 400, "VALIDATION_ERROR");
  });

  it("answers an oversized body with a 413 problem", async () => {
    const res = await api("/api/v1/platform/tenants", {
      method: "POST",
      headers: platformHeaders({ "content-type": "application/json" }),
      rawBody: JSON.stringify({ name: "x".repeat(1_100_000) }),
    });
    expectProblem(res, 413, "PAYLOAD_TOO_LARGE");
  });

  it("serves the OpenAPI 3.1 document with every route and the shared problem schema", async () => {
    const res = await api<{
      openapi: string;
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    }>("/api/v1/openapi.json");
    expect(res.status, describe(res)).toBe(200);
    expect(res.body.openapi).toBe("3.1.0");
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        "/api/v1/health",
        "/api/v1/platform/tenants",
        "/api/v1/platform/tenants/{id}",
        "/api/v1/tenant",
      ]),
    );
    expect(res.body.components.schemas).toHaveProperty("Problem");
  });

  it("serves an interactive docs page", async () => {
    const res = await api("/api/v1/docs");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(res.text).toContain("/api/v1/openapi.json");
  });
});
