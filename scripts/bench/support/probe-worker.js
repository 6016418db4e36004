/**
 * A bench-only Worker (never deployed): times code from inside workerd, where the API runs it, so
 * the figures exclude HTTP, the database and Node. Plain JS because scripts/ is type-checked for
 * Node; wrangler bundles the TypeScript it imports.
 *
 * GET /kdf?n=        PBKDF2 hashPassword (the sign-in KDF), one sample per call
 * GET /limiter?n=&batch=  RateLimiter.limit() RPC round trips, interleaved with status() (a read-only call
 *                   of the same object); each sample is the mean of `batch` calls
 * GET /burst?n=&limit=  n limit() calls at once against a fresh key: how many pass, the Retry-After of the rest
 */
import { hashPassword } from "../../../src/lib/password.ts";

export { RateLimiter } from "../../../durable-objects/rate-limiter.ts";

// biome-ignore lint/style/noDefaultExport: the Workers runtime requires the default export.
export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const n = Math.min(5000, Number(url.searchParams.get("n") ?? 20));
    if (url.pathname === "/kdf") {
      await hashPassword("warm-up-password");
      const samples = [];
      for (let i = 0; i < n; i++) {
        const started = performance.now();
        await hashPassword(`bench-password-${i}`);
        samples.push(performance.now() - started);
      }
      return Response.json({ samples });
    }
    if (url.pathname === "/limiter") {
      // workerd's clock ticks in whole milliseconds: each sample is the mean of a batch of calls.
      const batch = Number(url.searchParams.get("batch") ?? 20);
      const stub = env.RATE_LIMITER.getByName(`bench:${crypto.randomUUID()}`);
      await stub.status();
      const limit = [];
      const status = [];
      for (let i = 0; i < n; i++) {
        let started = performance.now();
        for (let k = 0; k < batch; k++) await stub.limit({ key: "bench", limit: 1_000_000_000, windowMs: 60_000 });
        limit.push((performance.now() - started) / batch);
        started = performance.now();
        for (let k = 0; k < batch; k++) await stub.status();
        status.push((performance.now() - started) / batch);
      }
      return Response.json({ limit, status });
    }
    if (url.pathname === "/burst") {
      const limit = Number(url.searchParams.get("limit") ?? 100);
      const stub = env.RATE_LIMITER.getByName(`burst:${crypto.randomUUID()}`);
      const started = performance.now();
      const decisions = await Promise.all(
        Array.from({ length: n }, () => stub.limit({ key: "burst", limit, windowMs: 60_000 })),
      );
      const elapsedMs = performance.now() - started;
      const refused = decisions.filter((d) => !d.allowed);
      return Response.json({
        allowed: n - refused.length,
        refused: refused.length,
        elapsedMs,
        retryAfterMs: refused.map((d) => d.retryAfterMs),
      });
    }
    return new Response("not found", { status: 404 });
  },
};
