import { exports } from "cloudflare:workers";

/** The platform key the test Worker is configured with (test/vitest.config.ts). */
export const PLATFORM_KEY = "test-platform-key-0123456789abcdef";

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

/**
 * Calls the Worker under test through its real `fetch` entry point (workerd), parsing JSON or
 * problem+json bodies. `describe()` turns a response into an assertion message.
 */
export async function api<T = unknown>(
  path: string,
  init: { method?: string; body?: unknown; rawBody?: BodyInit; headers?: Record<string, string>; host?: string } = {},
): Promise<ApiResponse<T>> {
  const headers = new Headers(init.headers);
  let body: BodyInit | undefined = init.rawBody;
  if (init.body !== undefined) {
    body = JSON.stringify(init.body);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  }
  const res = await exports.default.fetch(`http://${init.host ?? "api.test"}${path}`, {
    method: init.method ?? (body === undefined ? "GET" : "POST"),
    headers,
    body,
  });
  const text = await res.text();
  let parsed: unknown = text;
  if (/json/.test(res.headers.get("content-type") ?? "") && text) parsed = JSON.parse(text);
  return { status: res.status, headers: res.headers, body: parsed as T, text };
}

export function describe(res: ApiResponse): string {
  return `${res.status} ${res.text.slice(0, 800)}`;
}

export function platformHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return { authorization: `Bearer ${PLATFORM_KEY}`, ...extra };
}
