/**
 * The connector bench's side of the public API: the bench tenant's admin signs in once, and the
 * calls the end-to-end test makes (plans, connector enrollment, routers) are one line each.
 */
import type { BenchContext, BenchTenant } from "./types.ts";

export interface TenantApi {
  url: string;
  /** Calls the API as the tenant's admin; throws unless the answer has `status`. */
  ok<T = unknown>(status: number, path: string, init?: { method?: string; body?: unknown }): Promise<T>;
}

export async function tenantApi(ctx: BenchContext, t: BenchTenant): Promise<TenantApi> {
  const login = await fetch(`${ctx.apiUrl}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", ...t.headers },
    body: JSON.stringify(t.admin),
  });
  if (!login.ok) throw new Error(`bench admin login: ${login.status} ${await login.text()}`);
  const { access_token: token } = (await login.json()) as { access_token: string };
  const headers = { ...t.headers, authorization: `Bearer ${token}` };
  return {
    url: ctx.apiUrl,
    async ok<T>(status: number, path: string, init: { method?: string; body?: unknown } = {}) {
      const method = init.method ?? (init.body === undefined ? "GET" : "POST");
      const res = await fetch(`${ctx.apiUrl}${path}`, {
        method,
        headers: init.body === undefined ? headers : { ...headers, "content-type": "application/json" },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
      const text = await res.text();
      if (res.status !== status) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
      return (text ? JSON.parse(text) : undefined) as T;
    },
  };
}

export async function createPlan(api: TenantApi, name: string, downMbps: number, upMbps: number): Promise<string> {
  const body = { name, speedDownloadMbps: downMbps, speedUploadMbps: upMbps, price: 150_000 };
  return (await api.ok<{ id: string }>(201, "/api/v1/service-plans", { body })).id;
}

/** `POST /api/v1/connectors`: the connector's id and its one-time enrollment token. */
export function enrollConnector(api: TenantApi, name: string): Promise<{ id: string; enrollment_token: string }> {
  return api.ok(201, "/api/v1/connectors", { body: { name } });
}

/** A router behind `connectorId`, reached at 127.0.0.1:`port` (a simulator) with the simulator's user. */
export async function createRouter(api: TenantApi, name: string, port: number, connectorId: string): Promise<string> {
  const body = { name, host: "127.0.0.1", apiPort: port, username: "admin", password: SIM_PASSWORD, connectorId };
  return (await api.ok<{ id: string }>(201, "/api/v1/routers", { body })).id;
}

export const SIM_PASSWORD = "router-pw";

/** Polls until `check` returns a value, every `everyMs`; throws naming `what` after `timeoutMs`. */
export async function until<T>(
  what: string,
  check: () => T | undefined | Promise<T | undefined>,
  timeoutMs: number,
  everyMs = 1,
): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export async function waitOnline(api: TenantApi, connectorId: string): Promise<void> {
  await until(
    `connector ${connectorId} online`,
    async () => {
      const c = await api.ok<{ status: string }>(200, `/api/v1/connectors/${connectorId}`);
      return c.status === "online" ? true : undefined;
    },
    // Generous: on a loaded 2-core machine the connector's start (Node loading TypeScript) alone takes seconds.
    60_000,
    200,
  );
}
