/**
 * Bench: the cost of identity. The KDF (PBKDF2-SHA256, 100 000 iterations) timed inside workerd,
 * against the whole sign-in request; an authenticated no-op (GET /auth/me: token check, tenant and
 * user re-read, per-user rate limit) against GET /health (one `select 1`, the per-address limit).
 */

import { stats } from "./support/stats.ts";
import type { BenchContext, BenchRow } from "./support/types.ts";

export async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const probe = await ctx.probe();
  const kdf = await probe.get<{ samples: number[] }>("/kdf?n=40");

  const t = await ctx.tenant();
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${ctx.apiUrl}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...t.headers, ...headers },
      body: JSON.stringify(body),
    });
  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${ctx.apiUrl}${path}`, { headers: { ...t.headers, ...headers } });
  const expectOk = async (res: Promise<Response>, status = 200) => {
    const r = await res;
    const text = await r.text();
    if (r.status !== status) throw new Error(`expected ${status}, got ${r.status} ${text.slice(0, 200)}`);
  };

  const health = await ctx.measure(() => expectOk(get("/api/v1/health")), { n: 300, warmup: 10 });
  const login = await ctx.measure(() => expectOk(post("/api/v1/auth/login", t.admin)), { n: 40 });
  const wrong = await ctx.measure(
    () => expectOk(post("/api/v1/auth/login", { ...t.admin, password: "not-the-password" }), 401),
    { n: 40 },
  );
  const signIn = (await (await post("/api/v1/auth/login", t.admin)).json()) as { access_token: string };
  const bearer = { authorization: `Bearer ${signIn.access_token}` };
  const me = await ctx.measure(() => expectOk(get("/api/v1/auth/me", bearer)), { n: 300, warmup: 10 });

  return [
    { figure: "GET /health", stats: health, note: "baseline: one select 1 + per-address limit" },
    { figure: "PBKDF2 hash in workerd", stats: stats(kdf.samples), note: "100 000 iterations, SHA-256" },
    { figure: "POST /auth/login", stats: login, baseline: "GET /health", note: "KDF + user read + tokens + audit" },
    { figure: "POST /auth/login (wrong pw)", stats: wrong, baseline: "POST /auth/login", note: "same cost: no oracle" },
    {
      figure: "GET /auth/me",
      stats: me,
      baseline: "GET /health",
      note: "JWT verify + tenant/user re-read + user limit",
    },
  ];
}
