import { afterEach } from "vitest";
import { type RouterOsSim, type SimOptions, startRouterOsSim } from "../../sim/index.ts";
import { RouterSession, type SessionOptions } from "../../src/routeros/session.ts";

export const ADMIN = { name: "admin", password: "s3cret" };

/** Fast settings for tests: short timeouts, no reconnect backoff. */
export const FAST: Partial<SessionOptions> = {
  connectTimeoutMs: 2_000,
  callTimeoutMs: 2_000,
  reconnectBaseMs: 0,
  reconnectCapMs: 0,
};

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A simulator for this test, closed after it. */
export async function sim(options: Partial<SimOptions> = {}): Promise<RouterOsSim> {
  const s = await startRouterOsSim({ mode: "7.18", users: [ADMIN], ...options });
  cleanups.push(() => s.close());
  return s;
}

/** A session to `s` as admin, closed after the test. */
export function session(s: RouterOsSim, options: Partial<SessionOptions> = {}, password = ADMIN.password, tls = false) {
  const r = new RouterSession(
    { host: s.host, port: s.port, username: ADMIN.name, password, ...(tls ? { tls } : {}) },
    { ...FAST, ...options },
  );
  cleanups.push(() => r.close());
  return r;
}
