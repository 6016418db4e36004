/** The bench tenants' admins, signed in through the API, and authenticated GETs. */
import type { BenchContext, BenchTenant } from "./types.ts";

export interface Session {
  tenant: BenchTenant;
  headers: Record<string, string>;
}

export async function signIn(ctx: BenchContext, tenant: BenchTenant): Promise<Session> {
  const res = await fetch(`${ctx.apiUrl}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", ...tenant.headers },
    body: JSON.stringify(tenant.admin),
  });
  if (res.status !== 200) throw new Error(`sign-in: ${res.status} ${await res.text()}`);
  const { access_token } = (await res.json()) as { access_token: string };
  return { tenant, headers: { ...tenant.headers, authorization: `Bearer ${access_token}` } };
}

export async function getJson<T>(ctx: BenchContext, s: Session, path: string): Promise<T> {
  const res = await fetch(`${ctx.apiUrl}${path}`, { headers: s.headers });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${text.slice(0, 200)}`);
  return JSON.parse(text) as T;
}
