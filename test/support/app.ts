import { env } from "cloudflare:workers";
import { createApp } from "../../src/app";
import type { ApiResponse } from "./api";

/** Built once per test file: the app holds no request state, only routes and middleware. */
let app: ReturnType<typeof createApp> | undefined;

/**
 * The app built in the test (the same `createApp()` the Worker runs) over the test Worker's own
 * bindings — database, RateLimiter namespace, keys — with some configuration overridden, e.g. low
 * rate limits that the shared test Worker must not have.
 */
export function appWith(overrides: Record<string, string>) {
  app ??= createApp();
  const built = app;
  // Quiet by default: these apps exist to provoke refusals, which log warnings by design.
  const bindings = { ...(env as unknown as Record<string, unknown>), LOG_LEVEL: "error", ...overrides };
  return async <T = unknown>(
    path: string,
    init: { method?: string; body?: unknown; headers?: Record<string, string>; host?: string } = {},
  ): Promise<ApiResponse<T>> => {
    const headers = new Headers(init.headers);
    if (init.body !== undefined) headers.set("content-type", "application/json");
    const res = await built.request(
      `http://${init.host ?? "api.test"}${path}`,
      {
        method: init.method ?? (init.body === undefined ? "GET" : "POST"),
        headers,
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      },
      bindings,
    );
    const text = await res.text();
    const body = (/json/.test(res.headers.get("content-type") ?? "") && text ? JSON.parse(text) : text) as T;
    return { status: res.status, headers: res.headers, body, text };
  };
}

/** A random documentation-range address (RFC 5737/3849): each test its own client. */
export function randomIp(): string {
  const b = crypto.getRandomValues(new Uint16Array(4));
  return `2001:db8:${Array.from(b, (x) => x.toString(16)).join(":")}::1`;
}
